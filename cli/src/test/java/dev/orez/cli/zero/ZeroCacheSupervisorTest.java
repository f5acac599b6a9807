package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.cli.log.LogLevel;
import dev.orez.cli.zero.ZeroCacheSupervisor.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ZeroCacheSupervisorTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Restarts quickly, so tests need not wait out the real backoff. */
    private static final RestartPolicy QUICK = new RestartPolicy(
            Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(60), 5, Duration.ofMinutes(5));

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    @TempDir
    Path dir;

    private ZeroCacheSupervisor zero;

    @AfterEach
    void stopZero() {
        if (zero != null) {
            zero.stop();
        }
    }

    @Test
    void startReturnsOnceHealthyAndStopEndsTheProcess() throws Exception {
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(dir, Map.of()));

        assertEquals(State.HEALTHY, zero.state());
        long pid = zero.pid().orElseThrow();
        assertTrue(Eventually.isAlive(pid));

        zero.stop();

        assertEquals(State.STOPPED, zero.state());
        assertTrue(zero.pid().isEmpty());
        assertFalse(Eventually.isAlive(pid));
    }

    @Test
    void notFoundCountsAsHealthy() throws Exception {
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(dir, Map.of("FAKE_STATUS", "404")));

        assertEquals(State.HEALTHY, zero.state());
    }

    @Test
    void aServerErrorIsNotHealthy() throws Exception {
        ZeroCacheSupervisor.Settings settings = FakeZeroCache.settings(
                dir, Map.of("FAKE_STATUS", "500"), Duration.ofMillis(1500), RestartPolicy.DEFAULT);

        ZeroCacheException failure = assertThrows(ZeroCacheException.class, () -> ZeroCacheSupervisor.start(settings));

        assertTrue(failure.getMessage().contains("did not become healthy"), failure.getMessage());
    }

    @Test
    void runsWithExactlyTheGivenEnvironmentInTheProjectDirectory() throws Exception {
        Path dump = dir.resolve("env.json");
        zero = ZeroCacheSupervisor.start(
                FakeZeroCache.settings(dir, Map.of("FAKE_ENV_FILE", dump.toString(), "ONLY_IN_SETTINGS", "yes")));

        String seen = Files.readString(dump);
        assertTrue(seen.contains("\"ONLY_IN_SETTINGS\":\"yes\""), seen);
        // orez's own environment reaches zero-cache only through the settings (ZeroEnvironment layers it in).
        assertFalse(seen.contains("\"HOME\""), seen);
        assertTrue(seen.contains("\"cwd\":\"" + dir.toRealPath() + "\""), seen);
    }

    @Test
    void aChildThatExitsBeforeItIsHealthyFailsTheStartWithItsExitCodeAndLastLines() throws Exception {
        ZeroCacheSupervisor.Settings settings = FakeZeroCache.settings(dir, Map.of("FAKE_EXIT_AT_START", "7"));

        ZeroCacheException failure = assertThrows(ZeroCacheException.class, () -> ZeroCacheSupervisor.start(settings));

        assertTrue(failure.getMessage().contains("exited with code 7"), failure.getMessage());
        assertTrue(failure.getMessage().contains("fake zero-cache exiting with code 7"), failure.getMessage());
    }

    @Test
    void aChildThatNeverAnswersTimesOutAndIsStopped() throws Exception {
        Path pidFile = dir.resolve("pid");
        ZeroCacheSupervisor.Settings settings = FakeZeroCache.settings(
                dir,
                Map.of("FAKE_LISTEN", "0", "FAKE_PID_FILE", pidFile.toString()),
                Duration.ofMillis(1500),
                RestartPolicy.DEFAULT);

        ZeroCacheException failure = assertThrows(ZeroCacheException.class, () -> ZeroCacheSupervisor.start(settings));

        assertTrue(failure.getMessage().contains("did not become healthy within"), failure.getMessage());
        assertTrue(failure.getMessage().contains("fake zero-cache starting"), failure.getMessage());
        assertFalse(Eventually.isAlive(Long.parseLong(Files.readString(pidFile))));
    }

    @Test
    void thePortProbedMustBeTheOneZeroCacheIsTold() throws Exception {
        ZeroCacheSupervisor.Settings fake = FakeZeroCache.settings(dir, Map.of());

        assertThrows(
                IllegalArgumentException.class,
                () -> new ZeroCacheSupervisor.Settings(
                        fake.node(), fake.cliJs(), dir, fake.environment(), fake.zeroPort() + 1, PATIENCE));
    }

    @Test
    void cannotStartWithoutNode() throws Exception {
        ZeroCacheSupervisor.Settings fake = FakeZeroCache.settings(dir, Map.of());
        ZeroCacheSupervisor.Settings settings = new ZeroCacheSupervisor.Settings(
                dir.resolve("no-such-node"),
                fake.cliJs(),
                dir,
                fake.environment(),
                fake.zeroPort(),
                Duration.ofSeconds(5));

        ZeroCacheException failure = assertThrows(ZeroCacheException.class, () -> ZeroCacheSupervisor.start(settings));

        assertTrue(failure.getMessage().contains("cannot start zero-cache"), failure.getMessage());
    }

    @Test
    void anAutoResetExitIsRestartedAndTheReasonLogged() throws Exception {
        Path exitFile = dir.resolve("exit-now");
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(
                dir, Map.of("FAKE_EXIT_FILE", exitFile.toString(), "FAKE_EXIT_CODE", "14"), PATIENCE, QUICK));
        long firstPid = zero.pid().orElseThrow();

        Files.writeString(exitFile, "");

        awaitHealthyWithNewPid(firstPid);
        assertTrue(log.text().contains("zero-cache exited with code 14 (auto-reset), restarting in 100ms"), log.text());
        assertFalse(log.text().contains("crashed"), log.text());
    }

    @Test
    void aCrashIsRestartedAndReportedWithItsLastLines() throws Exception {
        Path exitFile = dir.resolve("crash-now");
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(
                dir, Map.of("FAKE_EXIT_FILE", exitFile.toString(), "FAKE_EXIT_CODE", "3"), PATIENCE, QUICK));
        long firstPid = zero.pid().orElseThrow();

        Files.writeString(exitFile, "");

        awaitHealthyWithNewPid(firstPid);
        String text = log.text();
        assertTrue(text.contains("zero-cache crashed (exit code 3), restarting in 100ms; last lines:"), text);
        assertTrue(text.contains("    fake zero-cache exiting with code 3"), text);
        assertTrue(text.contains("zero-cache is running again"), text);
    }

    @Test
    void theDelayGrowsWithEachRestartInARow() throws Exception {
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(
                dir,
                Map.of("FAKE_EXIT_AFTER_FIRST_REQUEST_MS", "100", "FAKE_EXIT_CODE", "2"),
                PATIENCE,
                new RestartPolicy(
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofSeconds(60),
                        3,
                        Duration.ofMinutes(5))));

        log.awaitText("giving up", PATIENCE);

        String text = log.text();
        assertTrue(text.contains("restarting in 100ms"), text);
        assertTrue(text.contains("restarting in 200ms"), text);
        assertFalse(text.contains("restarting in 400ms"), text); // capped
    }

    @Test
    void givesUpWhenTheBudgetIsSpentButCanStillBeRestartedByHand() throws Exception {
        Path exitFile = dir.resolve("crash-now");
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(
                dir,
                Map.of("FAKE_EXIT_AFTER_FIRST_REQUEST_MS", "100", "FAKE_EXIT_CODE", "5"),
                PATIENCE,
                new RestartPolicy(
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(60),
                        2,
                        Duration.ofMinutes(5))));

        Eventually.await("the supervisor to give up", PATIENCE, () -> zero.state() == State.GAVE_UP);

        String text = log.text();
        assertTrue(text.contains("it was restarted 2 times within 5min, giving up"), text);
        assertEquals(2, occurrences(text, "restarting in"), text);
        assertTrue(zero.pid().isEmpty());

        // A restart by hand gets a fresh budget; returning means the new process answered.
        zero.restart();
    }

    @Test
    void restartReplacesTheProcessWithoutReportingACrash() throws Exception {
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(dir, Map.of(), PATIENCE, QUICK));
        long firstPid = zero.pid().orElseThrow();

        zero.restart();

        assertEquals(State.HEALTHY, zero.state());
        assertNotEquals(firstPid, zero.pid().orElseThrow());
        assertFalse(Eventually.isAlive(firstPid));
        Thread.sleep(500); // room for a wrongly handled exit event of the old process to show
        assertFalse(log.text().contains("restarting in"), log.text());
        assertEquals(State.HEALTHY, zero.state());
    }

    @Test
    void stopAlsoEndsTheWorkersItStarted() throws Exception {
        Path childPidFile = dir.resolve("child-pid");
        zero = ZeroCacheSupervisor.start(
                FakeZeroCache.settings(dir, Map.of("FAKE_CHILD_PID_FILE", childPidFile.toString())));
        long childPid = Long.parseLong(Files.readString(childPidFile));
        assertTrue(Eventually.isAlive(childPid));

        zero.stop();

        // An orphaned worker is reaped by whatever adopted it, so "gone" may take a moment to show.
        Eventually.awaitDead(childPid, PATIENCE);
    }

    @Test
    void workersACrashedZeroCacheLeftBehindAreEnded() throws Exception {
        Path exitFile = dir.resolve("crash-now");
        Path childPidFile = dir.resolve("child-pid");
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(
                dir,
                Map.of(
                        "FAKE_EXIT_FILE", exitFile.toString(),
                        "FAKE_EXIT_CODE", "3",
                        "FAKE_CHILD_PID_FILE", childPidFile.toString()),
                PATIENCE,
                QUICK));
        long firstPid = zero.pid().orElseThrow();
        long orphanPid = Long.parseLong(Files.readString(childPidFile));

        Files.writeString(exitFile, "");

        awaitHealthyWithNewPid(firstPid);
        Eventually.awaitDead(orphanPid, PATIENCE);
    }

    @Test
    void processesThatIgnoreSigtermAreKilled() throws Exception {
        Path childPidFile = dir.resolve("child-pid");
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(
                dir,
                Map.of(
                        "FAKE_IGNORE_SIGTERM", "1",
                        "FAKE_CHILD_PID_FILE", childPidFile.toString(),
                        "FAKE_CHILD_IGNORES_SIGTERM", "1")));
        long pid = zero.pid().orElseThrow();
        long childPid = Long.parseLong(Files.readString(childPidFile));

        zero.stop();

        assertFalse(Eventually.isAlive(pid));
        Eventually.awaitDead(childPid, PATIENCE);
        assertTrue(log.text().contains("ignored SIGTERM"), log.text());
    }

    @Test
    void stopIsIdempotentAndMayBeCalledConcurrently() throws Exception {
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(dir, Map.of("FAKE_IGNORE_SIGTERM", "1")));
        long pid = zero.pid().orElseThrow();

        CompletableFuture<Void> other = CompletableFuture.runAsync(zero::stop);
        zero.stop();
        other.get();
        zero.stop();

        // Whichever call returned first, the process is gone: a second caller waits for the first.
        assertFalse(Eventually.isAlive(pid));
        assertEquals(State.STOPPED, zero.state());
        assertThrows(IllegalStateException.class, zero::restart);
    }

    @Test
    void stopCancelsAPendingRestart() throws Exception {
        Path exitFile = dir.resolve("crash-now");
        RestartPolicy slow = new RestartPolicy(
                Duration.ofMillis(700), Duration.ofSeconds(1), Duration.ofSeconds(60), 5, Duration.ofMinutes(5));
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(
                dir, Map.of("FAKE_EXIT_FILE", exitFile.toString(), "FAKE_EXIT_CODE", "3"), PATIENCE, slow));

        Files.writeString(exitFile, "");
        log.awaitText("restarting in 700ms", PATIENCE);
        zero.stop();
        Thread.sleep(1000); // past the restart's due time

        assertEquals(State.STOPPED, zero.state());
        assertTrue(zero.pid().isEmpty());
        assertEquals(1, occurrences(log.text(), "started zero-cache (pid"), log.text());
    }

    @Test
    void showsZeroCacheWarningsAndErrorsButNotItsChatterAtTheDefaultLevel() throws Exception {
        log.level(LogLevel.WARN);

        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(dir, Map.of()));
        zero.stop();

        String text = log.text();
        assertTrue(text.contains("[orez:zero] {\"level\":\"error\",\"message\":\"boom json\"}"), text);
        assertFalse(text.contains("plain info line"), text);
        assertFalse(text.contains("replication slot zero_1 does not exist"), text); // known noise
    }

    @Test
    void tidiesTheReplicaLockFilesBeforeStarting() throws Exception {
        Path replica = Files.writeString(dir.resolve("zero-replica.db"), "pages");
        Path wal = Files.writeString(dir.resolve("zero-replica.db-wal"), "frames");

        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(dir, Map.of("ZERO_REPLICA_FILE", replica.toString())));

        assertFalse(Files.exists(wal));
        assertFalse(Files.exists(replica));
    }

    @Test
    void resyncDropsTheReplicaAndTheDerivedStateWhileZeroCacheIsDown() throws Exception {
        Path replica = dir.resolve("zero-replica.db");
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(dir, Map.of("ZERO_REPLICA_FILE", replica.toString())));
        long firstPid = zero.pid().orElseThrow();
        Files.writeString(replica, "pages of the old database");
        Files.writeString(dir.resolve("zero-replica.db-wal"), "frames");
        List<Boolean> oldProcessAliveDuringDrop = new ArrayList<>();

        zero.resync(() -> oldProcessAliveDuringDrop.add(Eventually.isAlive(firstPid)));

        assertEquals(List.of(false), oldProcessAliveDuringDrop);
        assertFalse(Files.exists(replica));
        assertFalse(Files.exists(dir.resolve("zero-replica.db-wal")));
        assertEquals(State.HEALTHY, zero.state());
        assertNotEquals(firstPid, zero.pid().orElseThrow());
    }

    @Test
    void aFailedDropIsReportedButZeroCacheRunsAgain() throws Exception {
        Path replica = dir.resolve("zero-replica.db");
        zero = ZeroCacheSupervisor.start(FakeZeroCache.settings(dir, Map.of("ZERO_REPLICA_FILE", replica.toString())));

        ZeroCacheException failure = assertThrows(
                ZeroCacheException.class,
                () -> zero.resync(() -> {
                    throw new IllegalStateException("zero_cdb is gone");
                }));

        assertTrue(failure.getMessage().contains("zero_cdb is gone"), failure.getMessage());
        assertEquals(State.HEALTHY, zero.state());
    }

    private void awaitHealthyWithNewPid(long oldPid) throws InterruptedException {
        Eventually.await(
                "a new healthy zero-cache",
                PATIENCE,
                () -> zero.state() == State.HEALTHY
                        && zero.pid().isPresent()
                        && zero.pid().getAsLong() != oldPid);
        assertFalse(Eventually.isAlive(oldPid));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
