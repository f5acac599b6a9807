package dev.orez.proxy;

import dev.orez.pglite.PGlite;
import dev.orez.pglite.PGliteOptions;
import dev.orez.replication.ReplicationOptions;
import dev.orez.replication.ReplicationService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * The real engines the proxy tests talk to, opened once per test JVM (an engine takes a second or two to
 * start), with replication and a proxy on a free port in front of them, as orez runs them: postgres,
 * zero_cvr, zero_cdb.
 */
final class Engines {
    static final String USER = "user";
    static final String PASSWORD = "password";
    /** Short, so the idle-in-transaction test does not wait a minute. */
    static final Duration IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(3);

    private static PgProxy proxy;
    private static ReplicationService replication;

    private Engines() {}

    static synchronized PgProxy proxy() {
        if (proxy == null) {
            proxy = start();
        }
        return proxy;
    }

    private static PgProxy start() {
        try {
            Path root = Files.createTempDirectory("orez-proxy-test");
            PGliteOptions quiet = PGliteOptions.defaults().withLog(line -> {});
            PGlite postgres = PGlite.open(root.resolve("postgres"), quiet.withName("postgres"));
            PGlite cvr = PGlite.open(root.resolve("cvr"), quiet.withName("cvr"));
            PGlite cdb = PGlite.open(root.resolve("cdb"), quiet.withName("cdb"));
            replication = ReplicationService.install(postgres, ReplicationOptions.defaults());
            PgProxy started = PgProxy.start(ProxyConfig.builder()
                    .port(0)
                    .credentials(USER, PASSWORD)
                    .database("postgres", postgres)
                    .database("zero_cvr", cvr)
                    .database("zero_cdb", cdb)
                    .idleInTransactionTimeout(IDLE_IN_TRANSACTION_TIMEOUT)
                    .walSenders(replication)
                    .build());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                replication.close();
                postgres.close();
                cvr.close();
                cdb.close();
            }));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + proxy().port() + "/" + database;
    }

    /** A pgjdbc connection that prepares every statement on the server from its first use. */
    static Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("prepareThreshold", "1");
        return DriverManager.getConnection(url(database), properties);
    }

    /** A psql command line logged in to the proxy as the test user (the password goes in PGPASSWORD). */
    static java.util.List<String> psql(String... options) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                "psql",
                "-X",
                "-At",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(proxy().port()),
                "-U",
                USER,
                "-d",
                "postgres"));
        command.addAll(java.util.List.of(options));
        return command;
    }

    static Connection connect() throws SQLException {
        return connect("postgres");
    }
}
