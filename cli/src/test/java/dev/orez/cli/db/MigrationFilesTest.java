package dev.orez.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationFilesTest {
    @TempDir
    Path dir;

    @Test
    void withoutAJournalEverySqlFileSortedLikeJavaScript() throws IOException {
        for (String name : List.of("b.sql", "10_x.sql", "9_x.sql", "A.sql", "readme.md")) {
            Files.writeString(dir.resolve(name), "");
        }
        Files.createDirectory(dir.resolve("dir.sql"));
        assertEquals(List.of("10_x.sql", "9_x.sql", "A.sql", "b.sql"), MigrationFiles.inOrder(dir));
    }

    @Test
    void journalTagsInJournalOrderWithEscapesDecoded() throws IOException {
        Files.createDirectories(dir.resolve("meta"));
        Files.writeString(
                dir.resolve("meta/_journal.json"),
                "{\"entries\":[{\"note\":\"a \\\"tag\\\": \\\"decoy\\\"\",\"tag\":\"0001_say_\\\"hi\\\"\"},"
                        + "{\"tag\":\"0000_caf\\u00e9\\/x\",\"when\":1.5e3,\"nested\":{\"tag\":\"not this\"}}]}");
        assertEquals(List.of("0001_say_\"hi\".sql", "0000_café/x.sql"), MigrationFiles.inOrder(dir));
    }

    @Test
    void aBrokenJournalIsAClearError() throws IOException {
        Files.createDirectories(dir.resolve("meta"));
        Files.writeString(dir.resolve("meta/_journal.json"), "{\"entries\": [{\"tag\": \"0000_x\"}");
        StartupStepException failure = assertThrows(StartupStepException.class, () -> MigrationFiles.inOrder(dir));
        assertTrue(failure.getMessage().contains("_journal.json"), failure.getMessage());
    }
}
