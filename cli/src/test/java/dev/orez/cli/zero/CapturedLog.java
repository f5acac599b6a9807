package dev.orez.cli.zero;

import dev.orez.cli.log.Log;
import dev.orez.cli.log.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Collects what orez logs during a test (at {@code debug} unless changed) and restores the defaults after. */
final class CapturedLog implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void beforeEach(ExtensionContext context) {
        bytes.reset();
        Log.setOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        Log.setLevel(LogLevel.DEBUG);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Log.setOutput(System.out, false);
        Log.setLevel(LogLevel.WARN);
        System.out.print(text());
    }

    void level(LogLevel level) {
        Log.setLevel(level);
    }

    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until the log contains {@code expected}. */
    void awaitText(String expected, Duration timeout) throws InterruptedException {
        Eventually.await("the log to contain '" + expected + "'", timeout, () -> text().contains(expected));
    }
}
