package dev.orez.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.AppDatabase;
import dev.orez.cli.net.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar as a user runs it in a Zero app's directory: a fresh data directory, a migration, both hooks (one
 * deploys the app's permissions), the real zero-cache and a real Zero client in Node; a restore into the running
 * orez, after which zero-cache resyncs; then SIGTERM and a restart on the same directory.
 */
class OrezCommandIT {
    private static final Duration START = Duration.ofMinutes(5); // the first run may provision Node and zero-cache

    @TempDir
    Path project;

    @Test
    void aRowWrittenWithPgjdbcReachesAZeroClientAndSurvivesARestart() throws Exception {
        ZeroApp app = ZeroApp.create(project);
        Path dataDir = project.resolve("data");
        Path migrations = app.writeNoteMigration();
        Path dbReadyEnv = project.resolve("db-ready.env");
        Path healthyEnv = project.resolve("healthy.env");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int takenPort = taken.getLocalPort();
            int zeroPort = Ports.findFreeBlock(0, 3);
            try (OrezProcess orez = OrezProcess.start(
                    project,
                    List.of(
                            "--data-dir=" + dataDir,
                            "--pg-port=" + takenPort,
                            "--zero-port=" + zeroPort,
                            "--migrations=" + migrations,
                            "--on-db-ready=" + app.deployPermissionsCommand() + " && " + envDump(dbReadyEnv),
                            "--on-healthy=" + envDump(healthyEnv)))) {
                int pgPort = Integer.parseInt(orez.await("postgresql://\\S+@127\\.0\\.0\\.1:(\\d+)/postgres", START));
                int servedZeroPort = Integer.parseInt(orez.await("zero-cache\\s+http://127\\.0\\.0\\.1:(\\d+)", START));
                assertTrue(pgPort > takenPort && pgPort <= takenPort + 20, "a taken port moves up: " + pgPort);
                assertEquals(zeroPort, servedZeroPort);

                String dbReady = Files.readString(dbReadyEnv);
                assertTrue(dbReady.contains("OREZ_PG_PORT=" + pgPort + "\n"), dbReady);
                assertTrue(dbReady.contains("OREZ_ZERO_PORT=" + zeroPort + "\n"), dbReady);
                assertTrue(
                        dbReady.contains("DATABASE_URL=postgresql://user:password@127.0.0.1:" + pgPort + "/postgres\n"),
                        dbReady);
                assertTrue(Files.readString(healthyEnv).contains("OREZ_ZERO_PORT=" + zeroPort + "\n"));

                try (ZeroClient client = app.startClient(zeroPort)) {
                    client.awaitIds(List.of("from-migration"), Duration.ofSeconds(60));
                    AppDatabase.execute(pgPort, "INSERT INTO note VALUES ('from-pgjdbc', 'written over the wire')");
                    client.awaitIds(List.of("from-migration", "from-pgjdbc"), Duration.ofSeconds(30));

                    // orez pg_restore finds this orez by its data dir, restores through its port and has it resync.
                    Path dump = Files.writeString(
                            project.resolve("restore.sql"),
                            "COPY public.note (id, body) FROM stdin;\nfrom-restore\trestored by pg_restore\n\\.\n");
                    try (OrezProcess restore = OrezProcess.start(
                            project, List.of("pg_restore", dump.toString(), "--data-dir=" + dataDir))) {
                        assertEquals(0, restore.awaitExit(START), restore.output());
                        assertTrue(restore.output().contains("to resync zero-cache"), restore.output());
                    }
                    orez.await("zero-cache resynced", START);
                }
                // The resync dropped the client view records: a client that was connected is told ClientNotFound and
                // starts over (a browser reloads), as after the original orez's reset. A new client sees everything.
                try (ZeroClient client = app.startClient(zeroPort)) {
                    client.awaitIds(List.of("from-migration", "from-pgjdbc", "from-restore"), Duration.ofSeconds(60));
                }
                assertEquals(0, orez.terminate(Duration.ofSeconds(60)), "a SIGTERM is a clean stop");
                assertTrue(orez.output().contains("stopped"), orez.output());
            }
        }

        try (OrezProcess again = OrezProcess.start(
                project,
                List.of("--data-dir=" + dataDir, "--pg-port=0", "--migrations=" + migrations, "--skip-zero-cache"))) {
            int pgPort = Integer.parseInt(again.await("postgresql://\\S+@127\\.0\\.0\\.1:(\\d+)/postgres", START));
            assertEquals(
                    "from-migration,from-pgjdbc,from-restore",
                    AppDatabase.single(pgPort, "SELECT string_agg(id, ',' ORDER BY id) FROM note"));
            assertEquals(
                    "1",
                    AppDatabase.single(pgPort, "SELECT count(*) FROM migrations"),
                    "each migration is applied once");
            assertEquals(0, again.terminate(Duration.ofSeconds(60)));
        }
    }

    /** A hook that writes the environment it was given to {@code file}. */
    private static String envDump(Path file) {
        return "env > '" + file + "'";
    }
}
