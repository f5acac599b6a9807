package dev.orez.cli.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads migration and seed files the way Drizzle writes them: statements separated by the literal marker
 * {@code --> statement-breakpoint}, each piece possibly holding several statements.
 */
final class SqlFiles {
    static final String BREAKPOINT = "--> statement-breakpoint";

    private SqlFiles() {}

    /** The file's pieces, trimmed, empty ones dropped. */
    static List<String> read(Path file) {
        try {
            return split(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (true) {
            int marker = text.indexOf(BREAKPOINT, start);
            String piece = trim(marker < 0 ? text.substring(start) : text.substring(start, marker));
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
            if (marker < 0) {
                return pieces;
            }
            start = marker + BREAKPOINT.length();
        }
    }

    /**
     * Whitespace off both ends, and a byte order mark too: editors on Windows add one, the original's
     * JavaScript trim removed it, and Postgres would reject it as part of the first keyword.
     */
    private static String trim(String piece) {
        String stripped = piece.strip();
        while (stripped.startsWith("\uFEFF")) {
            stripped = stripped.substring(1).strip();
        }
        return stripped;
    }
}
