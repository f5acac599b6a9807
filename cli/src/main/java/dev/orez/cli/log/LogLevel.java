package dev.orez.cli.log;

import java.util.Locale;

/** How much orez prints, least to most: {@code --log-level}. Also passed to zero-cache as ZERO_LOG_LEVEL. */
public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG;

    /** Parses {@code error}, {@code warn}, {@code info} or {@code debug}, in any case. */
    public static LogLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown log level '" + text + "' (expected error, warn, info or debug)");
        }
    }

    /** The name zero-cache and users spell: lower case. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean shows(LogLevel message) {
        return message.ordinal() <= ordinal();
    }
}
