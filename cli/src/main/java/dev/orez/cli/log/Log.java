package dev.orez.cli.log;

import java.io.PrintStream;
import java.util.Objects;

/**
 * A component's logger. Every line is {@code [label] message} on one output, with a coloured label. As in the
 * original orez, {@link #info} is what orez says while it works and shows at the default level {@code warn};
 * {@link #debug} shows only at {@code debug}; nothing but errors shows at {@code error}.
 */
public final class Log {
    private static volatile LogLevel threshold = LogLevel.WARN;
    private static volatile PrintStream out = System.out;
    private static volatile boolean colored = Ansi.wanted();

    private final Component component;

    private Log(Component component) {
        this.component = component;
    }

    public static Log of(Component component) {
        return new Log(Objects.requireNonNull(component));
    }

    /** The process-wide threshold, from {@code --log-level}. */
    public static void setLevel(LogLevel level) {
        threshold = Objects.requireNonNull(level);
    }

    public static LogLevel level() {
        return threshold;
    }

    /** Where lines go (standard output unless changed) and whether their prefixes are coloured. */
    public static void setOutput(PrintStream stream, boolean withColor) {
        out = Objects.requireNonNull(stream);
        colored = withColor;
    }

    /** Whether prefixes are coloured now. */
    public static boolean colored() {
        return colored;
    }

    public void error(String message) {
        print(LogLevel.ERROR, message);
    }

    public void warn(String message) {
        print(LogLevel.WARN, message);
    }

    /** Progress and results: shown unless the level is {@code error}. */
    public void info(String message) {
        print(LogLevel.WARN, message);
    }

    public void debug(String message) {
        print(LogLevel.DEBUG, message);
    }

    /** Whether a message of this level would be printed. */
    public boolean shows(LogLevel level) {
        return threshold.shows(level);
    }

    private void print(LogLevel level, String message) {
        if (threshold.shows(level)) {
            PrintStream stream = out;
            // One println per line keeps concurrent components' lines whole.
            stream.println(component.prefix(colored) + " " + message);
            stream.flush();
        }
    }
}
