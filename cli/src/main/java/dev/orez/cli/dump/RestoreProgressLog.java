package dev.orez.cli.dump;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.cli.restore.RestoreListener;
import dev.orez.cli.restore.RestoreProgress;
import java.time.Duration;
import java.util.Locale;

/** Tells the user how far a restore is (every few seconds: a long restore must not look hung) and what failed. */
public final class RestoreProgressLog implements RestoreListener {
    private static final Log LOG = Log.of(Component.DUMP);
    private static final Duration EVERY = Duration.ofSeconds(3);

    private Duration lastShown = Duration.ZERO;

    @Override
    public void progress(RestoreProgress progress) {
        if (progress.finished() || progress.elapsed().minus(lastShown).compareTo(EVERY) < 0) {
            return; // the summary follows the last report
        }
        lastShown = progress.elapsed();
        LOG.info(describe(progress));
    }

    static String describe(RestoreProgress progress) {
        String read = progress.totalBytes().isPresent() && progress.totalBytes().getAsLong() > 0
                ? String.format(
                        Locale.ROOT,
                        "%.1f of %.1f MB (%d%%)",
                        progress.bytesRead() / 1e6,
                        progress.totalBytes().getAsLong() / 1e6,
                        100 * progress.bytesRead() / progress.totalBytes().getAsLong())
                : String.format(Locale.ROOT, "%.1f MB", progress.bytesRead() / 1e6);
        return String.format(
                Locale.ROOT,
                "restoring: %s read, %,d statements, %,d rows (%,.0f rows/s)",
                read,
                progress.statementsExecuted(),
                progress.rowsCopied(),
                progress.rowsPerSecond());
    }

    @Override
    public void warning(String message) {
        LOG.warn(message);
    }
}
