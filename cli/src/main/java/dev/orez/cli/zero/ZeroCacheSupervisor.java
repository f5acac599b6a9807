package dev.orez.cli.zero;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps zero-cache running beside orez. {@link #start} launches it and returns once it answers HTTP; from then on,
 * if it exits on its own (code 14 is zero-cache asking to be restarted after an auto-reset; anything else is a
 * crash) it is started again after a growing delay, within a budget (see {@link RestartPolicy}). When the budget
 * is spent the supervisor gives up but orez itself keeps running, so the database stays usable.
 *
 * <pre>{@code
 * ZeroCacheSupervisor zero = ZeroCacheSupervisor.start(
 *         new ZeroCacheSupervisor.Settings(node, cliJs, projectDir, environment, zeroPort, Duration.ofSeconds(60)));
 * ...
 * zero.stop();
 * }</pre>
 *
 * <p>At most one launch runs at a time ({@code attempts}); the fields below are guarded by {@code this}, which is
 * never held while waiting for a process. Every deliberate change of process (a {@link #restart}, {@link #stop})
 * moves to a new generation, so exit events and scheduled restarts of an earlier one are recognised as stale and
 * ignored rather than killing or duplicating the new process.
 */
public final class ZeroCacheSupervisor implements AutoCloseable {
    /** Where the supervisor is. */
    public enum State {
        /** The first launch, until healthy. */
        STARTING,
        /** zero-cache is up and watched. */
        HEALTHY,
        /** zero-cache exited or was killed and is about to be, or being, started again. */
        RESTARTING,
        /** zero-cache kept failing; the supervisor stopped trying ({@link #restart} tries again). */
        GAVE_UP,
        /** {@link #stop} was called. */
        STOPPED
    }

    /**
     * What to run and how to judge it.
     *
     * @param node the Node executable
     * @param cliJs zero-cache's {@code cli.js}
     * @param projectDir the working directory, the user's project
     * @param environment zero-cache's whole environment, normally from {@link ZeroEnvironment#over}; its
     *     {@code ZERO_REPLICA_FILE} is tidied before the first launch (see {@link ReplicaLockFiles})
     * @param zeroPort the port zero-cache listens on ({@code ZERO_PORT}), probed for health
     * @param healthTimeout how long a launch may take to answer before it counts as failed
     * @param restartPolicy when to restart after zero-cache exits on its own
     */
    public record Settings(
            Path node,
            Path cliJs,
            Path projectDir,
            Map<String, String> environment,
            int zeroPort,
            Duration healthTimeout,
            RestartPolicy restartPolicy) {
        public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(60);

        public Settings {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(cliJs, "cliJs");
            Objects.requireNonNull(projectDir, "projectDir");
            environment = Map.copyOf(environment);
            String environmentPort = environment.get("ZERO_PORT");
            if (environmentPort != null && !environmentPort.equals(Integer.toString(zeroPort))) {
                throw new IllegalArgumentException("ZERO_PORT " + environmentPort + " in the environment but port "
                        + zeroPort + " to check: zero-cache would be probed where it does not listen");
            }
            Objects.requireNonNull(healthTimeout, "healthTimeout");
            Objects.requireNonNull(restartPolicy, "restartPolicy");
        }

        /** With the {@linkplain RestartPolicy#DEFAULT default restart policy}. */
        public Settings(
                Path node,
                Path cliJs,
                Path projectDir,
                Map<String, String> environment,
                int zeroPort,
                Duration healthTimeout) {
            this(node, cliJs, projectDir, environment, zeroPort, healthTimeout, RestartPolicy.DEFAULT);
        }
    }

    private static final Log LOG = Log.of(Component.ZERO);
    private static final int AUTO_RESET_EXIT_CODE = 14;
    /** A stop waits this long for a restart in progress to wind down (it kills its own process, ≤ 6 s). */
    private static final Duration RESTARTER_SHUTDOWN = Duration.ofSeconds(10);

    private final Settings settings;
    private final ScheduledExecutorService restarter;
    private final ReentrantLock attempts = new ReentrantLock();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    // Guarded by this.
    private ZeroCacheProcess current;
    private State state = State.STARTING;
    private long generation;
    private boolean stopping;
    private long healthySinceNanos;
    private int restartsInARow;
    private final Deque<Long> recentRestartNanos = new ArrayDeque<>();

    private ZeroCacheSupervisor(Settings settings) {
        this.settings = settings;
        this.restarter = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "orez-zero-supervisor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Tidies the replica's lock files, launches zero-cache and waits until it is healthy, then watches it.
     *
     * @throws ZeroCacheException if it could not be launched, exited, or did not answer within the health
     *     timeout (nothing is left running then)
     * @throws IOException if the replica's lock files could not be removed
     */
    public static ZeroCacheSupervisor start(Settings settings) throws IOException, InterruptedException {
        String replica = settings.environment().get("ZERO_REPLICA_FILE");
        if (replica != null) {
            ReplicaLockFiles.clearBeforeStart(Path.of(replica));
        }
        ZeroCacheSupervisor supervisor = new ZeroCacheSupervisor(settings);
        boolean started = false;
        try {
            started = supervisor.launchUntilHealthy(0);
            if (!started) {
                throw new ZeroCacheException("zero-cache was stopped while starting");
            }
        } finally {
            if (!started) {
                supervisor.stop();
            }
        }
        return supervisor;
    }

    public synchronized State state() {
        return state;
    }

    /** The process id of the running zero-cache, if one is running. */
    public synchronized OptionalLong pid() {
        return current != null && current.isAlive() ? OptionalLong.of(current.pid()) : OptionalLong.empty();
    }

    /**
     * Kills zero-cache, starts it again and waits until it is healthy. Keeps its state (the replica and the
     * databases). Also the way to try again after the supervisor gave up: the restart budget starts afresh.
     *
     * @throws ZeroCacheException if it did not become healthy; the supervisor then keeps retrying in the
     *     background as after a crash
     * @throws IllegalStateException after {@link #stop}
     */
    public void restart() throws ZeroCacheException, InterruptedException {
        restart(() -> {});
    }

    /**
     * Rebuilds zero-cache's state from the upstream database, for when that database was replaced (a restore):
     * kills zero-cache, deletes its replica, runs {@code dropDerivedState} (orez drops the change and view records
     * there), then starts it and waits until it is healthy. zero-cache then syncs the replica from scratch.
     *
     * @throws ZeroCacheException if {@code dropDerivedState} failed (zero-cache is started anyway, on the old
     *     records), or zero-cache did not become healthy
     */
    public void resync(WhileStopped dropDerivedState) throws ZeroCacheException, InterruptedException {
        Path replica = Path.of(settings.environment().get("ZERO_REPLICA_FILE"));
        restart(() -> {
            ReplicaLockFiles.deleteReplica(replica);
            dropDerivedState.run();
        });
    }

    /** Work done while zero-cache is down, between a kill and the next launch. */
    @FunctionalInterface
    public interface WhileStopped {
        void run() throws Exception;
    }

    private void restart(WhileStopped whileStopped) throws ZeroCacheException, InterruptedException {
        attempts.lockInterruptibly();
        try {
            ZeroCacheProcess previous;
            long restartGeneration;
            synchronized (this) {
                if (stopping) {
                    throw new IllegalStateException("zero-cache supervisor is stopped");
                }
                restartGeneration = ++generation;
                previous = current;
                current = null;
                state = State.RESTARTING;
                restartsInARow = 0;
                recentRestartNanos.clear();
            }
            if (previous != null) {
                LOG.debug("restarting zero-cache (pid " + previous.pid() + ")");
                previous.stop();
            }
            ZeroCacheException failedWhileStopped = null;
            try {
                whileStopped.run();
            } catch (InterruptedException e) {
                throw e; // nothing runs now; the caller is being stopped
            } catch (Exception e) {
                failedWhileStopped = new ZeroCacheException("could not reset zero-cache's state: " + e.getMessage(), e);
            }
            try {
                if (!launchUntilHealthy(restartGeneration)) {
                    throw new ZeroCacheException("zero-cache was stopped while restarting");
                }
            } catch (ZeroCacheException e) {
                scheduleRestart(
                        restartGeneration, "zero-cache did not come back after a restart", e.getMessage(), false);
                throw e;
            }
            if (failedWhileStopped != null) {
                throw failedWhileStopped;
            }
        } finally {
            attempts.unlock();
        }
    }

    /**
     * Stops watching, then stops zero-cache and its workers (SIGTERM, then SIGKILL after 5 s). Idempotent and safe
     * from a shutdown hook; a second caller waits until the first has finished.
     */
    public void stop() {
        boolean first;
        ZeroCacheProcess process = null;
        synchronized (this) {
            first = !stopping;
            if (first) {
                stopping = true;
                generation++;
                process = current;
                current = null;
                state = State.STOPPED;
            }
        }
        if (!first) {
            stopped.join();
            return;
        }
        try {
            // Cancels a pending restart and interrupts a health wait in progress; that launch's process was current,
            // so it is the one stopped below.
            restarter.shutdownNow();
            if (process != null) {
                LOG.debug("stopping zero-cache (pid " + process.pid() + ")");
                process.stop();
            }
            awaitRestarter();
        } finally {
            stopped.complete(null);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Launches zero-cache for {@code launchGeneration} and waits until it is healthy, then watches it.
     *
     * @return false if a stop or restart made this launch obsolete (whoever did so deals with its process)
     */
    private boolean launchUntilHealthy(long launchGeneration) throws ZeroCacheException, InterruptedException {
        ZeroCacheProcess process;
        synchronized (this) {
            if (stopping || launchGeneration != generation) {
                return false;
            }
            // Launched while holding the monitor, so a stop() cannot slip in before it becomes current.
            try {
                process = ZeroCacheProcess.launch(
                        settings.node(), settings.cliJs(), settings.projectDir(), settings.environment());
            } catch (IOException e) {
                throw new ZeroCacheException(
                        "cannot start zero-cache (" + settings.node() + " " + settings.cliJs() + "): " + e.getMessage(),
                        e);
            }
            current = process;
        }
        try {
            HealthCheck.awaitHealthy(process, settings.zeroPort(), settings.healthTimeout());
        } catch (ZeroCacheException e) {
            // Never healthy means of no use; one that timed out may still be running.
            process.stop();
            synchronized (this) {
                if (current == process) {
                    current = null;
                }
            }
            throw e;
        }
        synchronized (this) {
            if (stopping || launchGeneration != generation) {
                return false;
            }
            state = State.HEALTHY;
            healthySinceNanos = System.nanoTime();
        }
        process.rememberWorkers();
        LOG.debug("zero-cache healthy on port " + settings.zeroPort() + " (pid " + process.pid() + ")");
        process.onExit().thenRunAsync(() -> exitedOnItsOwn(process, launchGeneration), restarter);
        return true;
    }

    private void exitedOnItsOwn(ZeroCacheProcess process, long processGeneration) {
        boolean calmRun;
        synchronized (this) {
            if (stopping || processGeneration != generation || current != process) {
                return; // stopped or replaced on purpose
            }
            current = null;
            state = State.RESTARTING;
            calmRun = System.nanoTime() - healthySinceNanos
                    >= settings.restartPolicy().stableAfter().toNanos();
        }
        int code = process.exitCode().orElse(-1);
        // Workers it left behind would hold the replica and compete with the next run's.
        process.stop();
        if (code == AUTO_RESET_EXIT_CODE) {
            scheduleRestart(processGeneration, "zero-cache exited with code 14 (auto-reset)", null, calmRun);
        } else {
            scheduleRestart(
                    processGeneration,
                    "zero-cache crashed (exit code " + code + ")",
                    "last lines:" + process.lastLinesBlock(HealthCheck.REPORTED_LINES),
                    calmRun);
        }
    }

    /** Plans the next launch after a failure, or gives up when the budget is spent. */
    private synchronized void scheduleRestart(long failedGeneration, String why, String details, boolean calmRun) {
        if (stopping || failedGeneration != generation) {
            return;
        }
        RestartPolicy policy = settings.restartPolicy();
        if (calmRun) {
            restartsInARow = 0;
        }
        long now = System.nanoTime();
        while (!recentRestartNanos.isEmpty()
                && now - recentRestartNanos.peekFirst() > policy.window().toNanos()) {
            recentRestartNanos.removeFirst();
        }
        String suffix = details == null ? "" : "; " + details;
        if (recentRestartNanos.size() >= policy.maxRestarts()) {
            state = State.GAVE_UP;
            LOG.error(why + "; it was restarted " + recentRestartNanos.size() + " times within "
                    + Durations.describe(policy.window()) + ", giving up (orez keeps running without zero-cache)"
                    + suffix);
            return;
        }
        recentRestartNanos.addLast(now);
        Duration delay = policy.delayAfter(restartsInARow++);
        state = State.RESTARTING;
        LOG.warn(why + ", restarting in " + Durations.describe(delay) + suffix);
        restarter.schedule(() -> restartAfterFailure(failedGeneration), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void restartAfterFailure(long failedGeneration) {
        try {
            attempts.lockInterruptibly();
        } catch (InterruptedException e) {
            return; // stopping
        }
        try {
            if (launchUntilHealthy(failedGeneration)) {
                LOG.info("zero-cache is running again (pid " + pid().orElse(-1) + ")");
            }
        } catch (ZeroCacheException e) {
            scheduleRestart(failedGeneration, "zero-cache did not come back", e.getMessage(), false);
        } catch (InterruptedException e) {
            // stop() interrupted the health wait; it stops the process too.
        } catch (RuntimeException e) {
            LOG.error("restarting zero-cache failed unexpectedly: " + e);
            scheduleRestart(failedGeneration, "zero-cache did not come back", e.toString(), false);
        } finally {
            attempts.unlock();
        }
    }

    private void awaitRestarter() {
        try {
            if (!restarter.awaitTermination(RESTARTER_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("zero-cache restart still winding down after " + Durations.describe(RESTARTER_SHUTDOWN));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
