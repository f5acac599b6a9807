package dev.orez.cli.zero;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.cli.log.LogLevel;
import dev.orez.cli.net.PostgresUrl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The environment zero-cache runs with, built in three layers where later wins: orez's defaults, then the user's
 * whole environment (so {@code ZERO_MUTATE_URL}, {@code ZERO_AUTH_*}, {@code ZERO_APP_ID} … flow through), then
 * the settings that must point at this orez (its databases, replica file and port) and that the user cannot
 * override.
 *
 * @param logLevel orez's {@code --log-level}, zero-cache's default {@code ZERO_LOG_LEVEL}
 * @param pgUser the user clients log in to orez's Postgres proxy with
 * @param pgPassword that user's password
 * @param pgPort the port of orez's Postgres proxy
 * @param dataDir orez's data directory, where the replica lives
 * @param zeroPort the port zero-cache listens on
 * @param sqlitePreload the preload of orez's WebAssembly SQLite ({@code register.cjs}, see
 *     {@code dev.orez.sqlite.NodeSqliteShim}) that zero-cache and its workers load through {@code NODE_OPTIONS}; empty
 *     when zero-cache uses its native SQLite addon ({@code --disable-wasm-sqlite})
 */
public record ZeroEnvironment(
        LogLevel logLevel,
        String pgUser,
        String pgPassword,
        int pgPort,
        Path dataDir,
        int zeroPort,
        Optional<Path> sqlitePreload) {

    /** The replica's name inside the data directory. */
    static final String REPLICA_FILE_NAME = "zero-replica.db";

    private static final Log LOG = Log.of(Component.ZERO);

    public ZeroEnvironment {
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(pgUser, "pgUser");
        Objects.requireNonNull(pgPassword, "pgPassword");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(sqlitePreload, "sqlitePreload");
    }

    /**
     * Layer 1: what orez prefers but the user may change. One sync worker and no query planner suit a single
     * developer machine (the planner's scan statistics froze SQLite); many table-copy workers make the initial
     * sync copy every table at once; auto-reset lets zero-cache rebuild itself (it exits with code 14, and the
     * supervisor restarts it); telemetry export only produces errors locally.
     */
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("NODE_ENV", "development");
        defaults.put("ZERO_LOG_LEVEL", logLevel.flagValue());
        defaults.put("ZERO_NUM_SYNC_WORKERS", "1");
        defaults.put("ZERO_ENABLE_QUERY_PLANNER", "false");
        defaults.put("ZERO_INITIAL_SYNC_TABLE_COPY_WORKERS", "999");
        defaults.put("ZERO_AUTO_RESET", "true");
        defaults.put("ZERO_CHANGE_STATEMENT_TIMEOUT_MS", "90000");
        defaults.put("OTEL_SDK_DISABLED", "true");
        return Collections.unmodifiableMap(defaults);
    }

    /**
     * Layer 3: what must be so for zero-cache to work with this orez. {@code NODE_ENV} stays {@code development}
     * as in the original orez, because production mode demands things a local setup lacks (an admin password).
     */
    public Map<String, String> forced() {
        Map<String, String> forced = new LinkedHashMap<>();
        forced.put("NODE_ENV", "development");
        forced.put("ZERO_UPSTREAM_DB", connectionString("postgres"));
        forced.put("ZERO_CVR_DB", connectionString("zero_cvr"));
        forced.put("ZERO_CHANGE_DB", connectionString("zero_cdb"));
        forced.put("ZERO_REPLICA_FILE", replicaFile().toString());
        forced.put("ZERO_PORT", Integer.toString(zeroPort));
        return Collections.unmodifiableMap(forced);
    }

    /**
     * The three layers over {@code userEnvironment} (normally {@link System#getenv()}), sorted by name. Warns
     * about each forced setting the user's environment tried to change. With the WebAssembly SQLite, the preload
     * goes in front of the user's own {@code NODE_OPTIONS}, which are kept.
     */
    public Map<String, String> over(Map<String, String> userEnvironment) {
        for (String name : ignoredUserSettings(userEnvironment)) {
            LOG.warn(name + " from your environment is ignored: orez sets it to " + forced().get(name));
        }
        Map<String, String> environment = new TreeMap<>(defaults());
        userEnvironment.forEach((name, value) -> {
            if (name != null && value != null) {
                environment.put(name, value);
            }
        });
        environment.putAll(forced());
        sqlitePreload.ifPresent(preload -> environment.put(
                "NODE_OPTIONS", nodeOptionsWith(preload, userEnvironment.getOrDefault("NODE_OPTIONS", ""))));
        return Collections.unmodifiableMap(environment);
    }

    /**
     * The names of forced settings the user's environment gives a different value, which zero-cache will not
     * see; worth a warning, since the user evidently expected them to take effect.
     */
    public List<String> ignoredUserSettings(Map<String, String> userEnvironment) {
        List<String> ignored = new ArrayList<>();
        forced().forEach((name, value) -> {
            String users = userEnvironment.get(name);
            if (users != null && !users.equals(value)) {
                ignored.add(name);
            }
        });
        return ignored;
    }

    /** {@code --require "<preload>"} then the user's options; Node unquotes double-quoted values in NODE_OPTIONS. */
    private static String nodeOptionsWith(Path preload, String userOptions) {
        String quoted =
                "\"" + preload.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        String options = "--require " + quoted;
        return userOptions.isBlank() ? options : options + " " + userOptions.strip();
    }

    /** The absolute path of zero-cache's SQLite replica. */
    public Path replicaFile() {
        return replicaIn(dataDir);
    }

    /** Where zero-cache's SQLite replica lives in an orez data directory. */
    public static Path replicaIn(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(REPLICA_FILE_NAME);
    }

    /** A URL for one of orez's databases; user and password are percent-encoded so any characters survive. */
    public String connectionString(String database) {
        return PostgresUrl.of(pgUser, pgPassword, pgPort, database);
    }
}
