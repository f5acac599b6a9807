package dev.orez;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What to undo, in reverse order of doing: each started part registers how to stop it. Used both for a normal
 * stop and to clean up after a failed start, so the two can never disagree. Runs once; later calls return at once.
 */
final class ShutdownSteps implements Runnable {
    private static final Log LOG = Log.of(Component.OREZ);

    private final Deque<Step> steps = new ArrayDeque<>();
    private boolean done;

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private record Step(String what, Action action) {}

    synchronized void add(String what, Action action) {
        steps.push(new Step(what, action));
    }

    @Override
    public synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            LOG.debug("stopping " + step.what());
            try {
                step.action().run();
            } catch (Exception | Error e) {
                // Keep stopping the rest: a stuck zero-cache must not keep the databases from their checkpoint.
                LOG.warn("stopping " + step.what() + " failed: " + e);
            }
        }
    }
}
