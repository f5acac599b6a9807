package dev.orez.cli.zero;

import dev.orez.cli.log.LogLevel;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How orez judges a line zero-cache printed. zero-cache's own level is guessed from the text (its JSON logs carry
 * {@code "level":"…"}, its console logs a bare word), and decides whether orez shows the line: warnings and errors
 * at orez's default level, everything else only at {@code debug}. Messages every healthy start produces, which
 * merely look alarming, are shown only at {@code debug} too.
 */
final class ZeroOutput {
    /** Terminal colour codes, which would hide a bare level word from the checks below. */
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

    /** Start-up noise: expected while zero-cache sets itself up against a fresh or faked Postgres. */
    private static final List<String> HARMLESS = List.of(
            "_zero.tablemetadata",
            "unable to create full replicationstatusevent",
            "replication slot",
            "does not exist",
            "error dropping",
            "epipe",
            "socket has been ended by the other party",
            "ideal db ping time",
            "average ping to",
            "timeoutnegativewarning",
            "does not allow a negative number",
            "periodicexportingmetricreader",
            "otlpexportererror",
            // PGlite's real wal_level is minimal, so CREATE PUBLICATION warns; orez's replication does not need it
            "is insufficient to publish logical changes");

    private ZeroOutput() {}

    /**
     * The level zero-cache gave the line; without a recognisable one, standard output is information and standard
     * error a warning.
     */
    static LogLevel levelOf(String line, boolean fromStderr) {
        String text = plain(line);
        if (text.contains("\"level\":\"error\"") || text.contains(" error ") || text.contains("error:")) {
            return LogLevel.ERROR;
        }
        if (text.contains("\"level\":\"warn\"") || text.contains(" warn ") || text.contains("warning:")) {
            return LogLevel.WARN;
        }
        if (text.contains("\"level\":\"debug\"") || text.contains(" debug ")) {
            return LogLevel.DEBUG;
        }
        return fromStderr ? LogLevel.WARN : LogLevel.INFO;
    }

    static boolean isHarmlessNoise(String line) {
        String text = plain(line);
        for (String noise : HARMLESS) {
            if (text.contains(noise)) {
                return true;
            }
        }
        return false;
    }

    /** The level orez prints the line at: {@code WARN} for zero-cache's warnings and errors, else {@code DEBUG}. */
    static LogLevel consoleLevel(String line, boolean fromStderr) {
        LogLevel level = levelOf(line, fromStderr);
        boolean alarming = level == LogLevel.ERROR || level == LogLevel.WARN;
        return alarming && !isHarmlessNoise(line) ? LogLevel.WARN : LogLevel.DEBUG;
    }

    /** The line without colour codes, in lower case, for case-insensitive matching. */
    private static String plain(String line) {
        return ANSI_ESCAPE.matcher(line).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
