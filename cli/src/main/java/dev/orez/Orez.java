package dev.orez;

import dev.orez.cli.net.PostgresUrl;
import dev.orez.cli.s3.S3Server;
import dev.orez.cli.zero.ZeroCacheSupervisor;
import dev.orez.pglite.PGlite;
import dev.orez.proxy.PgProxy;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A running orez: three PGlite databases served on one Postgres port with logical replication, zero-cache
 * (unless skipped) and optionally the S3 server. {@link #start} brings it all up in the original orez's order and
 * returns once zero-cache is healthy; {@link #close} stops it in reverse order with a checkpoint of every database.
 *
 * <pre>{@code
 * try (Orez orez = Orez.start(OrezConfig.builder().dataDir(tmp).pgPort(0).skipZeroCache(true).build())) {
 *     Connection c = DriverManager.getConnection(orez.jdbcUrl(), "user", "password");
 * }
 * }</pre>
 */
public final class Orez implements AutoCloseable {
    /** The database names clients connect to, and the engine serving each. */
    public static final String APP_DATABASE = "postgres";

    public static final String CVR_DATABASE = "zero_cvr";
    public static final String CDB_DATABASE = "zero_cdb";

    private final OrezConfig config;
    private final Databases databases;
    private final PgProxy proxy;
    private final ShutdownSteps shutdown;
    // Attached while starting, before the handle is returned.
    private volatile ZeroCacheSupervisor zeroCache;
    private volatile int zeroPort;
    private volatile S3Server s3;

    Orez(OrezConfig config, Databases databases, PgProxy proxy, ShutdownSteps shutdown) {
        this.config = config;
        this.databases = databases;
        this.proxy = proxy;
        this.shutdown = shutdown;
    }

    void attach(ZeroCacheSupervisor zeroCache, int port) {
        this.zeroCache = zeroCache;
        this.zeroPort = port;
    }

    void attach(S3Server s3) {
        this.s3 = s3;
    }

    /**
     * Starts everything and returns once it is ready: zero-cache healthy, or the databases served when zero-cache is
     * skipped. A failure stops whatever had started and is thrown as an {@link OrezException} saying which step
     * failed.
     */
    public static Orez start(OrezConfig config) {
        return new Startup(config).run();
    }

    /** The Postgres port clients connect to (the preferred one, or the next free one). */
    public int pgPort() {
        return proxy.port();
    }

    /** zero-cache's port, empty when zero-cache is skipped. */
    public OptionalInt zeroPort() {
        return zeroCache == null ? OptionalInt.empty() : OptionalInt.of(zeroPort);
    }

    /** {@code postgresql://user:password@127.0.0.1:port/postgres}: the URL for apps, migrations tools and psql. */
    public String connectionString() {
        return connectionString(APP_DATABASE);
    }

    public String connectionString(String database) {
        return PostgresUrl.of(config.pgUser(), config.pgPassword(), pgPort(), database);
    }

    /** The JDBC URL of the application database (credentials not included, as JDBC expects). */
    public String jdbcUrl() {
        return PostgresUrl.jdbc(pgPort(), APP_DATABASE);
    }

    /** The engine behind a database name ({@code postgres}, {@code zero_cvr}, {@code zero_cdb}), for direct access. */
    public PGlite database(String name) {
        PGlite engine = databases.byName().get(name);
        if (engine == null) {
            throw new IllegalArgumentException("no database " + name + "; orez serves "
                    + databases.byName().keySet());
        }
        return engine;
    }

    public PGlite postgres() {
        return databases.postgres();
    }

    /** The S3 server's endpoint, when started with {@code --s3}. */
    public Optional<URI> s3Endpoint() {
        return s3 == null ? Optional.empty() : Optional.of(s3.endpoint());
    }

    public OrezConfig config() {
        return config;
    }

    /** Stops zero-cache and starts it again, waiting until it is healthy. */
    public void restartZeroCache() throws IOException, InterruptedException {
        if (zeroCache == null) {
            throw new IllegalStateException("zero-cache was skipped");
        }
        zeroCache.restart();
    }

    /**
     * Makes zero-cache forget what it knew of the application database and sync it afresh, waiting until it is
     * healthy again: for after the database was replaced, as {@code orez pg_restore} does (it asks a running orez
     * with SIGUSR1). The replica and zero-cache's change and view records are dropped; clients resync.
     */
    public void resyncZeroCache() throws IOException, InterruptedException {
        if (zeroCache == null) {
            throw new IllegalStateException("zero-cache was skipped");
        }
        zeroCache.resync(new ZeroCacheRecords(this)::drop);
    }

    /** Stops everything in reverse order of starting; the databases checkpoint as they close. Idempotent. */
    @Override
    public void close() {
        shutdown.run();
    }

    /** The three engines, by role and by the database name clients use. */
    record Databases(PGlite postgres, PGlite cvr, PGlite cdb) {
        Map<String, PGlite> byName() {
            return Map.of(APP_DATABASE, postgres, CVR_DATABASE, cvr, CDB_DATABASE, cdb);
        }
    }
}
