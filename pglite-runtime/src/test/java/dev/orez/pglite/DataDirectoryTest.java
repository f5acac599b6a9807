package dev.orez.pglite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path root;

    @Test
    void aMissingDirectoryIsCreatedFromTheTemplate() throws Exception {
        Path dir = root.resolve("new/pgdata");
        try (DataDirectory opened = DataDirectory.open(dir)) {
            assertEquals(dir.toAbsolutePath(), opened.path());
            assertEquals("18", Files.readString(dir.resolve("PG_VERSION")).trim());
            assertTrue(Files.isDirectory(dir.resolve("base")));
            assertTrue(Files.isDirectory(dir.resolve("pg_wal")));
            assertTrue(Files.notExists(dir.resolve(PgdataTemplate.COPY_MARKER)));
        }
    }

    @Test
    void aDirectoryInUseIsRefused() throws Exception {
        try (DataDirectory first = DataDirectory.open(root)) {
            assertEquals(root.toAbsolutePath(), first.path());
            PGliteException e = assertThrows(PGliteException.class, () -> DataDirectory.open(root));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void aForeignNonEmptyDirectoryIsLeftAlone() throws Exception {
        Files.writeString(root.resolve("notes.txt"), "mine");
        PGliteException e = assertThrows(PGliteException.class, () -> DataDirectory.open(root));
        assertTrue(e.getMessage().contains("not a Postgres data directory"), e.getMessage());
        assertEquals("mine", Files.readString(root.resolve("notes.txt")));
    }

    @Test
    void anInterruptedTemplateCopyIsRedone() throws Exception {
        Files.writeString(root.resolve(PgdataTemplate.COPY_MARKER), "");
        Files.createDirectories(root.resolve("base/1"));
        Files.writeString(root.resolve("base/1/half-written"), "x");
        try (DataDirectory opened = DataDirectory.open(root)) {
            assertTrue(Files.exists(opened.path().resolve("PG_VERSION")));
            assertTrue(Files.notExists(root.resolve("base/1/half-written")));
        }
    }
}
