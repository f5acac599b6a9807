package dev.orez.cli.restore;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/** Tells the listener where the restore is, no more often than the interval, however often it is ticked. */
final class ProgressMeter {
    private final RestoreListener listener;
    private final long intervalNanos;
    private final LongSupplier bytesRead;
    private final OptionalLong totalBytes;
    private final RestoreTally tally;
    private final long start = System.nanoTime();
    private long lastReport = start;

    ProgressMeter(
            RestoreListener listener,
            Duration interval,
            LongSupplier bytesRead,
            OptionalLong totalBytes,
            RestoreTally tally) {
        this.listener = listener;
        this.intervalNanos = interval.toNanos();
        this.bytesRead = bytesRead;
        this.totalBytes = totalBytes;
        this.tally = tally;
    }

    /** Cheap enough to call for every row. */
    void tick() {
        long now = System.nanoTime();
        if (now - lastReport >= intervalNanos) {
            lastReport = now;
            report(false);
        }
    }

    void finish() {
        report(true);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void report(boolean finished) {
        listener.progress(new RestoreProgress(
                bytesRead.getAsLong(), totalBytes, tally.executed(), tally.rowsCopied(), elapsed(), finished));
    }
}
