package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition, for behaviour that happens on other threads and processes. */
final class Eventually {
    private Eventually() {}

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                fail("timed out after " + timeout.toSeconds() + "s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static void awaitDead(long pid, Duration timeout) throws InterruptedException {
        await("process " + pid + " to end", timeout, () -> !isAlive(pid));
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
