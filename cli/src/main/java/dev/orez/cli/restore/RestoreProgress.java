package dev.orez.cli.restore;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Where a restore is.
 *
 * @param bytesRead UTF-8 bytes of the dump read so far
 * @param totalBytes the dump's size, when known
 * @param statementsExecuted statements the target accepted (and committed)
 * @param rowsCopied COPY rows committed
 * @param finished true on the last report
 */
public record RestoreProgress(
        long bytesRead,
        OptionalLong totalBytes,
        long statementsExecuted,
        long rowsCopied,
        Duration elapsed,
        boolean finished) {
    /** Committed COPY rows per second since the start. */
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? rowsCopied / seconds : 0;
    }
}
