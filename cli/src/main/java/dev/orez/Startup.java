package dev.orez;

import dev.orez.Orez.Databases;
import dev.orez.cli.db.DefaultExtensions;
import dev.orez.cli.db.HookEnvironment;
import dev.orez.cli.db.MigrationRunner;
import dev.orez.cli.db.OrezDataDir;
import dev.orez.cli.db.Seeder;
import dev.orez.cli.db.ShellHook;
import dev.orez.cli.db.SqlSession;
import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.cli.net.Ports;
import dev.orez.cli.net.PostgresUrl;
import dev.orez.cli.s3.S3Config;
import dev.orez.cli.s3.S3Server;
import dev.orez.cli.zero.ZeroCacheCommand;
import dev.orez.cli.zero.ZeroCacheLocator;
import dev.orez.cli.zero.ZeroCacheSupervisor;
import dev.orez.cli.zero.ZeroEnvironment;
import dev.orez.pglite.PGlite;
import dev.orez.pglite.PGliteOptions;
import dev.orez.proxy.PgProxy;
import dev.orez.proxy.ProxyConfig;
import dev.orez.replication.ReplicationOptions;
import dev.orez.replication.ReplicationService;
import dev.orez.sqlite.NodeSqliteShim;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The original orez's startup order: data directory, databases, extensions, migrations, change tracking, seed,
 * ports, proxy, {@code --on-db-ready}, before-zero, zero-cache, {@code --on-healthy},
 * S3. Every part that starts registers its stop in {@link ShutdownSteps}, so a failed step undoes the earlier
 * ones and a normal stop runs in exactly the reverse order.
 */
final class Startup {
    private static final Log LOG = Log.of(Component.OREZ);
    private static final Log PGLITE = Log.of(Component.PGLITE);

    private final OrezConfig config;
    private final ShutdownSteps shutdown = new ShutdownSteps();
    private final long startedAt = System.nanoTime();
    private String step = "start";

    Startup(OrezConfig config) {
        this.config = config;
    }

    Orez run() {
        Log.setLevel(config.logLevel());
        try {
            step("claim the data directory " + config.dataDir().toAbsolutePath().normalize());
            OrezDataDir dataDir = OrezDataDir.claim(config.dataDir());
            shutdown.add("the data directory claim", dataDir::close);

            step("open the databases");
            Databases databases = openDatabases(dataDir);
            SqlSession app = SqlSession.open(databases.postgres());

            step("create the default extensions");
            DefaultExtensions.install(app);

            step("apply migrations");
            int applied = new MigrationRunner(app).apply(config.migrationsDir().orElse(null));
            if (applied > 0) {
                LOG.info(applied + " migration(s) applied");
            }

            step("install change tracking");
            ReplicationService replication = ReplicationService.install(databases.postgres(), replicationOptions());
            shutdown.add("replication", replication::close);

            // Before the proxy listens: the seed runs in a transaction on the engine's one session.
            step("seed the database");
            new Seeder(app).seed(Seeder.resolve(config.seedFile().orElse(null), config.projectDir()));

            // Probed just before binding: a port found free stays free only until someone else takes it.
            step("find free ports");
            int pgPort = Ports.findFree(config.pgPort());
            reportMoved("Postgres", config.pgPort(), pgPort);
            int zeroPort = config.skipZeroCache() ? 0 : Ports.findFreeBlock(config.zeroPort(), 3);
            reportMoved("zero-cache", config.zeroPort(), zeroPort);

            step("serve Postgres on port " + pgPort);
            PgProxy proxy = PgProxy.start(proxyConfig(databases, replication, pgPort));
            shutdown.add("the Postgres proxy", proxy::close);
            dataDir.announcePgPort(pgPort);

            HookEnvironment hookEnvironment = hookEnvironment(pgPort, zeroPort);
            runHook(ShellHook.ON_DB_READY, config.onDbReady(), hookEnvironment.forDbReady());

            Orez orez = new Orez(config, databases, proxy, shutdown);
            if (config.beforeZero().isPresent()) {
                step("run the before-zero callback");
                config.beforeZero().get().run(orez);
            }
            // Tables the hooks created are already tracked: the DDL event trigger enrolls them as they are made.

            if (config.skipZeroCache()) {
                LOG.debug("skip zero-cache");
            } else {
                step("start zero-cache");
                orez.attach(startZeroCache(dataDir, pgPort, zeroPort), zeroPort);
            }

            runHook(ShellHook.ON_HEALTHY, config.onHealthy(), hookEnvironment.forHealthy());

            if (config.s3()) {
                step("start the S3 server on port " + config.s3Port());
                S3Server s3 = S3Server.start(new S3Config(dataDir.root(), config.s3Port()));
                shutdown.add("the S3 server", s3::close);
                orez.attach(s3);
            }
            reportReady(orez);
            return orez;
        } catch (Exception | Error e) {
            shutdown.run();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new OrezException("orez could not " + step + ": " + messageOf(e), e);
        }
    }

    private void runHook(String name, Optional<String> command, Map<String, String> additions) {
        step("run --" + name);
        command.ifPresent(
                line -> new ShellHook(name, line, ShellHook.DEFAULT_TIMEOUT).run(config.environment(), additions));
    }

    private void step(String name) {
        step = name;
        LOG.debug(name);
    }

    private Databases openDatabases(OrezDataDir dataDir) {
        PGliteOptions options = PGliteOptions.defaults().withLog(PGLITE::debug);
        CompletableFuture<PGlite> postgres = open(options.withName("postgres"), dataDir.postgresData());
        CompletableFuture<PGlite> cvr = open(options.withName("cvr"), dataDir.cvrData());
        CompletableFuture<PGlite> cdb = open(options.withName("cdb"), dataDir.cdbData());
        try {
            return new Databases(postgres.join(), cvr.join(), cdb.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
    }

    /** Opens one engine on a pool thread (the three initialize in parallel) and registers its close. */
    private CompletableFuture<PGlite> open(PGliteOptions options, Path directory) {
        return CompletableFuture.supplyAsync(() -> {
            PGlite engine = PGlite.open(directory, options);
            // closing shuts Postgres down with a checkpoint
            shutdown.add("database " + options.name(), engine::close);
            return engine;
        });
    }

    /** ZERO_APP_PUBLICATIONS limits which tables are tracked, as it limits what zero-cache replicates. */
    private ReplicationOptions replicationOptions() {
        ReplicationOptions options = ReplicationOptions.defaults();
        String publications = config.environment().get("ZERO_APP_PUBLICATIONS");
        if (publications == null || publications.isBlank()) {
            return options;
        }
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(publications.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .forEach(names::add);
        return options.withPublications(names);
    }

    private ProxyConfig proxyConfig(Databases databases, ReplicationService replication, int pgPort) {
        ProxyConfig.Builder builder =
                ProxyConfig.builder().port(pgPort).credentials(config.pgUser(), config.pgPassword());
        databases.byName().forEach(builder::database);
        return builder.defaultDatabase(Orez.APP_DATABASE)
                .walSenders(replication)
                .build();
    }

    private HookEnvironment hookEnvironment(int pgPort, int zeroPort) {
        return new HookEnvironment(
                url(pgPort, Orez.APP_DATABASE),
                url(pgPort, Orez.CVR_DATABASE),
                url(pgPort, Orez.CDB_DATABASE),
                pgPort,
                zeroPort);
    }

    private String url(int pgPort, String database) {
        return PostgresUrl.of(config.pgUser(), config.pgPassword(), pgPort, database);
    }

    private ZeroCacheSupervisor startZeroCache(OrezDataDir dataDir, int pgPort, int zeroPort) throws Exception {
        Path cacheDir = ZeroCacheLocator.defaultCacheDir();
        ZeroCacheCommand command = ZeroCacheLocator.locate(config.projectDir(), cacheDir, line -> LOG.info(line));
        LOG.debug("zero-cache from " + command.source());
        Optional<Path> sqlitePreload = Optional.empty();
        if (config.disableWasmSqlite()) {
            LOG.info("zero-cache uses its native SQLite addon (--disable-wasm-sqlite)");
        } else {
            sqlitePreload = Optional.of(NodeSqliteShim.install(cacheDir));
            LOG.info("zero-cache uses orez's WebAssembly SQLite from "
                    + sqlitePreload.get().getParent());
        }
        ZeroEnvironment environment = new ZeroEnvironment(
                config.logLevel(),
                config.pgUser(),
                config.pgPassword(),
                pgPort,
                dataDir.root(),
                zeroPort,
                sqlitePreload);
        ZeroCacheSupervisor zero = ZeroCacheSupervisor.start(new ZeroCacheSupervisor.Settings(
                command.node(),
                command.cliJs(),
                config.projectDir().toAbsolutePath(),
                environment.over(config.environment()),
                zeroPort,
                config.healthTimeout()));
        shutdown.add("zero-cache", zero::stop);
        return zero;
    }

    private static void reportMoved(String what, int preferred, int actual) {
        if (preferred != 0 && actual != 0 && preferred != actual) {
            LOG.info("port " + preferred + " is taken: " + what + " uses " + actual);
        }
    }

    private void reportReady(Orez orez) {
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        LOG.info(String.format(Locale.ROOT, "ready in %.1f s", seconds));
        LOG.info("postgres   " + orez.connectionString());
        orez.zeroPort().ifPresent(port -> LOG.info("zero-cache http://127.0.0.1:" + port));
        orez.s3Endpoint().ifPresent(endpoint -> LOG.info("s3         " + endpoint));
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
