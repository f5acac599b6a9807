package dev.orez.cli.zero;

import java.time.Duration;

/** Durations in log messages. */
final class Durations {
    private Durations() {}

    /** {@code 500ms}, {@code 2s}, {@code 5min}: how a person reads a delay. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis >= 60_000 && millis % 60_000 == 0) {
            return millis / 60_000 + "min";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
