package dev.orez.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.cli.net.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dumps nobody here wrote: a database built in Debian's PostgreSQL and dumped by Debian's pg_dump goes into orez
 * with {@code orez pg_restore} (directly, then through a running orez), and {@code orez pg_dump}'s output goes back
 * into Debian's PostgreSQL with psql stopping at the first error. Every table's rows and the schema objects must
 * match the source at each step.
 */
class DumpRoundTripIT {
    private static final List<String> SCHEMAS = List.of("public", "inventory");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private static DebianPostgres postgres;
    private static Path productionDump;
    private static Map<String, List<String>> source;

    @TempDir
    static Path dir;

    @BeforeAll
    static void dumpAProductionLikeDatabase() throws Exception {
        postgres = DebianPostgres.start();
        postgres.createDatabase("source");
        Path schema = dir.resolve("source-database.sql");
        try (InputStream in = DumpRoundTripIT.class.getResourceAsStream("/dump/source-database.sql")) {
            Files.copy(in, schema);
        }
        postgres.load("source", schema);
        productionDump = dir.resolve("production.sql");
        postgres.dump("source", productionDump);
        try (Connection connection = postgres.connect("source")) {
            source = DatabaseFingerprint.of(connection, SCHEMAS);
        }
        String accounts = source.get("rows of public.account").get(0);
        assertTrue(accounts.startsWith("100000 rows"), accounts);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void restoresDirectlyThroughARunningOrezAndDumpsBackIntoPostgres() throws Exception {
        Path dataDir = dir.resolve("orez-data");

        String restored = runOrez("pg_restore", productionDump.toString(), "--direct", "--data-dir=" + dataDir);
        assertTrue(restored.contains("restored"), restored);

        int pgPort = Ports.findFree(47000);
        try (OrezProcess orez =
                OrezProcess.start(dir, List.of("--skip-zero-cache", "--data-dir=" + dataDir, "--pg-port=" + pgPort))) {
            orez.await("ready in", Duration.ofMinutes(2));
            DatabaseFingerprint.assertSame(source, fingerprintOfOrez(pgPort), "after the direct restore");

            // Through the running orez, found by its data dir; --clean replaces what the first restore made.
            String again = runOrez("pg_restore", productionDump.toString(), "--clean", "--data-dir=" + dataDir);
            assertTrue(again.contains("connected to port " + pgPort), again);
            DatabaseFingerprint.assertSame(source, fingerprintOfOrez(pgPort), "after the restore through orez");

            Path throughProxy = dir.resolve("orez-running.sql");
            runOrez("pg_dump", "--data-dir=" + dataDir, "-o", throughProxy.toString());
            DatabaseFingerprint.assertSame(
                    source, loadIntoPostgres("from_running_orez", throughProxy), "loaded into PostgreSQL");

            assertEquals(0, orez.terminate(Duration.ofMinutes(1)));
        }

        Path direct = dir.resolve("orez-direct.sql");
        runOrez("pg_dump", "--data-dir=" + dataDir, "--output=" + direct);
        String dump = Files.readString(direct);
        assertFalse(dump.contains("_orez"), "orez's own objects stay out of the dump");
        DatabaseFingerprint.assertSame(
                source, loadIntoPostgres("from_orez_data_dir", direct), "loaded into PostgreSQL");
    }

    private static Map<String, List<String>> loadIntoPostgres(String database, Path dump) throws Exception {
        postgres.createDatabase(database);
        postgres.load(database, dump);
        try (Connection connection = postgres.connect(database)) {
            return DatabaseFingerprint.of(connection, SCHEMAS);
        }
    }

    private static Map<String, List<String>> fingerprintOfOrez(int pgPort) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "user", "password")) {
            return DatabaseFingerprint.of(connection, SCHEMAS);
        }
    }

    /** Runs {@code orez ARGS} to the end and returns its output; a non-zero exit fails the test with it. */
    private static String runOrez(String... args) throws IOException, InterruptedException {
        try (OrezProcess command = OrezProcess.start(dir, List.of(args))) {
            int exit = command.awaitExit(COMMAND_TIMEOUT);
            assertEquals(0, exit, "orez " + String.join(" ", args) + " failed:\n" + command.output());
            return command.output();
        }
    }
}
