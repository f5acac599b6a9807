package dev.orez.cli.db;

import dev.orez.cli.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which migration files to apply, in which order: Drizzle's journal ({@code meta/_journal.json}) when there
 * is one, else every {@code *.sql} file in the directory sorted by name.
 */
final class MigrationFiles {
    static final String JOURNAL = "meta/_journal.json";

    private MigrationFiles() {}

    /** File names (with {@code .sql}) in the order they must run. Listed files need not exist. */
    static List<String> inOrder(Path directory) {
        Path journal = directory.resolve(JOURNAL);
        if (Files.isRegularFile(journal)) {
            return journalOrder(journal);
        }
        return sortedSqlFiles(directory);
    }

    /** {@code entries[].tag + ".sql"} in journal order. */
    static List<String> journalOrder(Path journal) {
        String text;
        try {
            text = Files.readString(journal, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + journal, e);
        }
        try {
            return tags(Json.parse(text));
        } catch (IllegalArgumentException e) {
            throw new StartupStepException("cannot read the migration journal " + journal + ": " + e.getMessage(), e);
        }
    }

    private static List<String> tags(Object journal) {
        if (!(journal instanceof Map)) {
            throw new IllegalArgumentException("expected an object");
        }
        Object entries = ((Map<?, ?>) journal).get("entries");
        if (!(entries instanceof List)) {
            throw new IllegalArgumentException("expected an \"entries\" array");
        }
        List<String> files = new ArrayList<>();
        for (Object entry : (List<?>) entries) {
            Object tag = entry instanceof Map ? ((Map<?, ?>) entry).get("tag") : null;
            if (!(tag instanceof String)) {
                throw new IllegalArgumentException("entry " + files.size() + " has no \"tag\" string");
            }
            files.add(tag + ".sql");
        }
        return files;
    }

    /**
     * Sorted by UTF-16 code units, as JavaScript's default sort (and {@link String#compareTo}) do, so
     * {@code 10_x.sql} sorts before {@code 9_x.sql}: name migrations with zero-padded numbers.
     */
    private static List<String> sortedSqlFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".sql"))
                    .filter(name -> Files.isRegularFile(directory.resolve(name)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
