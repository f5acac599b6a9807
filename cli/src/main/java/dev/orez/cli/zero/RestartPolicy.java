package dev.orez.cli.zero;

import java.time.Duration;
import java.util.Objects;

/**
 * When the supervisor restarts a zero-cache that exited on its own: after a delay that doubles with each restart
 * in a row ({@code firstDelay}, twice that, … up to {@code maxDelay}), starting over once a run stayed up for
 * {@code stableAfter}; and not more than {@code maxRestarts} times within {@code window}, beyond which it gives
 * up, since a zero-cache that keeps crashing needs a person, not a loop.
 */
public record RestartPolicy(
        Duration firstDelay, Duration maxDelay, Duration stableAfter, int maxRestarts, Duration window) {

    /** 1 s doubling to 30 s, calm again after 60 s up, at most 5 restarts in 5 minutes. */
    public static final RestartPolicy DEFAULT = new RestartPolicy(
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), 5, Duration.ofMinutes(5));

    public RestartPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(stableAfter, "stableAfter");
        Objects.requireNonNull(window, "window");
        if (firstDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative: " + maxRestarts);
        }
    }

    /** The delay before a restart that follows {@code restartsInARow} earlier ones without a calm run between. */
    Duration delayAfter(int restartsInARow) {
        Duration delay = firstDelay;
        for (int i = 0; i < restartsInARow && !delay.isZero() && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
