package dev.orez.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/** The README's flag table and {@code orez --help} describe the same options with the same defaults. */
class ReadmeFlagsTest {
    /** A table row: | `--flag=VALUE` | `default` | ... (the default cell may be empty). */
    private static final Pattern ROW = Pattern.compile("^\\| `(--[a-z0-9-]+)(?:=[A-Z]+)?`[^|]*\\| (?:`([^`]*)`)? *\\|");

    @Test
    void everyFlagAndDefaultMatchesTheHelp() throws IOException {
        Map<String, String> readme = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                readme.put(row.group(1), row.group(2) == null ? "" : row.group(2));
            }
        }
        Map<String, String> help = new TreeMap<>();
        for (OptionSpec option : Main.commandLine().getCommandSpec().options()) {
            help.put(option.longestName(), defaultShownFor(option));
        }
        assertEquals(help, readme);
    }

    /** What the README shows as the default: the value, or nothing for switches and unset options. */
    private static String defaultShownFor(OptionSpec option) {
        if (option.longestName().equals("--seed")) {
            return "src/database/seed.sql"; // resolved at start, relative to the project
        }
        Object value = option.initialValue();
        return value == null || value instanceof Boolean ? "" : value.toString();
    }
}
