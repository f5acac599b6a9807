package dev.orez.wasm.build;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress lines for one download: one at each further tenth of the size, and one every few seconds in between, so a
 * slow link still shows it is moving. A small download, or one of unknown size, reports by time alone: ten lines for a
 * file that arrives in a second would be noise.
 */
final class DownloadProgress {
    private static final long REPORT_INTERVAL_NANOS = 5_000_000_000L;
    private static final long TENTHS_FROM_BYTES = 10_000_000;

    private final String label;
    private final long totalBytes;
    private final Consumer<String> log;
    private final LongSupplier nanoClock;
    private long bytes;
    private long lastTenth;
    private long lastReportNanos;

    /** {@code totalBytes} is negative when the server did not say how big the body is. */
    DownloadProgress(String label, long totalBytes, Consumer<String> log, LongSupplier nanoClock) {
        this.label = label;
        this.totalBytes = totalBytes;
        this.log = log;
        this.nanoClock = nanoClock;
        this.lastReportNanos = nanoClock.getAsLong();
    }

    void advance(long moreBytes) {
        bytes += moreBytes;
        long now = nanoClock.getAsLong();
        long tenth = totalBytes >= TENTHS_FROM_BYTES ? Math.min(10, bytes * 10 / totalBytes) : 0;
        if (tenth > lastTenth || now - lastReportNanos >= REPORT_INTERVAL_NANOS) {
            lastTenth = tenth;
            lastReportNanos = now;
            log.accept(label + ": " + describe());
        }
    }

    private String describe() {
        if (totalBytes <= 0) {
            return megabytes(bytes) + " MB so far";
        }
        return String.format(
                Locale.ROOT, "%d%% (%s of %s MB)", bytes * 100 / totalBytes, megabytes(bytes), megabytes(totalBytes));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1_000_000.0);
    }
}
