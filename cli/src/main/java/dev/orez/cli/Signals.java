package dev.orez.cli;

import sun.misc.Signal;

/**
 * SIGINT, SIGTERM and SIGUSR1 handlers. The JDK has no public API for them; shutdown hooks alone cannot tell a second Ctrl-C
 * (which must force the exit) from the first, so orez uses {@code sun.misc.Signal}, which every JDK ships in the
 * {@code jdk.unsupported} module precisely for this.
 */
final class Signals {
    private Signals() {}

    /** Runs {@code handler} (on the JVM's signal thread) for both Ctrl-C and SIGTERM, instead of exiting. */
    static void onInterruptOrTerminate(Runnable handler) {
        onInterrupt(handler);
        onTerminate(handler);
    }

    static void onInterrupt(Runnable handler) {
        Signal.handle(new Signal("INT"), signal -> handler.run());
    }

    static void onTerminate(Runnable handler) {
        Signal.handle(new Signal("TERM"), signal -> handler.run());
    }

    /** SIGUSR1, which orez uses as "resync zero-cache" as the original did. Not available on Windows. */
    static void onUser1(Runnable handler) {
        try {
            Signal.handle(new Signal("USR1"), signal -> handler.run());
        } catch (IllegalArgumentException e) {
            // No such signal here, or the JVM reserves it: the resync is then only reachable from the Java API.
        }
    }

    /** Lets Ctrl-C pass without effect: a terminal delivers it to the whole process group, children included. */
    static void ignoreInterrupt() {
        Signal.handle(new Signal("INT"), signal -> {});
    }
}
