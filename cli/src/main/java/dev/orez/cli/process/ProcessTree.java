package dev.orez.cli.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Stops a child process together with the processes it started (zero-cache's workers, a hook's commands): asks
 * politely first (SIGTERM) so they can clean up, then kills what is left.
 */
public final class ProcessTree {
    private static final Duration EXIT_POLL = Duration.ofMillis(100);

    private ProcessTree() {}

    /**
     * The process's descendants, then the process. Listed before stopping, because once the process is gone its
     * children are no longer its descendants.
     */
    public static List<ProcessHandle> of(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        return tree;
    }

    /**
     * SIGTERM to every process of {@code tree}, SIGKILL to those still running after {@code grace}, then up to
     * {@code killGrace} for them to be reaped. The waits are bounded, so they ignore interrupts: an interrupted stop
     * must still give the processes their grace period rather than kill them mid-write; the interrupt is restored.
     *
     * @return the processes that ignored SIGTERM and had to be killed
     */
    public static List<ProcessHandle> stop(List<ProcessHandle> tree, Duration grace, Duration killGrace) {
        boolean interrupted = Thread.interrupted();
        try {
            tree.forEach(ProcessHandle::destroy);
            if (awaitExit(tree, grace)) {
                return List.of();
            }
            List<ProcessHandle> stubborn =
                    tree.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
            stubborn.forEach(ProcessHandle::destroyForcibly);
            awaitExit(stubborn, killGrace);
            return stubborn;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether all of {@code processes} exited within {@code timeout}; not interruptible. */
    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : processes) {
            while (handle.isAlive()) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                try {
                    handle.onExit().get(EXIT_POLL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException | InterruptedException e) {
                    // Check again until the deadline; stop() restores the interrupt.
                }
            }
        }
        return true;
    }
}
