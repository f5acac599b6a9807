package dev.orez.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeederTest extends EngineTest {
    @TempDir
    Path project;

    private Seeder seeder;

    @BeforeEach
    void freshDatabase() {
        emptyPublicSchema();
        db.query("DROP SCHEMA IF EXISTS _orez CASCADE");
        seeder = new Seeder(db);
    }

    private Path seedFile(String sql) throws IOException {
        Path file = project.resolve("seed.sql");
        Files.writeString(file, sql);
        return file;
    }

    @Test
    void seedsOnTheFirstStartOnlyEvenWithoutAUserTable() throws IOException {
        db.query("CREATE TABLE items (name text)");
        Path file =
                seedFile("INSERT INTO items VALUES ('a');\n--> statement-breakpoint\nINSERT INTO items VALUES ('b');");

        assertTrue(seeder.seed(file));
        assertFalse(seeder.seed(file));
        assertFalse(new Seeder(db).seed(file));
        assertEquals("2", single("SELECT count(*) FROM items"));
    }

    @Test
    void skippedWhenTheUserTableHasRows() throws IOException {
        db.query("CREATE TABLE \"user\" (id int); INSERT INTO \"user\" VALUES (1)");
        Path file = seedFile("CREATE TABLE from_seed (id int);");

        assertFalse(seeder.seed(file));
        assertFalse(tableExists("public.from_seed"));
    }

    @Test
    void seedsWhenTheUserTableIsEmpty() throws IOException {
        db.query("CREATE TABLE \"user\" (id int)");
        Path file = seedFile("INSERT INTO \"user\" VALUES (7);");

        assertTrue(seeder.seed(file));
        assertEquals("7", single("SELECT id FROM \"user\""));
    }

    @Test
    void aMissingFileIsSkipped() {
        assertFalse(seeder.seed(project.resolve("src/database/seed.sql")));
    }

    @Test
    void aFailingSeedKeepsNothingAndRunsAgainNextTime() throws IOException {
        Path file = seedFile("CREATE TABLE seeded_half (id int);\n--> statement-breakpoint\nSELECT no_such_column;");

        StartupStepException failure = assertThrows(StartupStepException.class, () -> seeder.seed(file));
        assertTrue(failure.getMessage().contains("seed file " + file), failure.getMessage());
        assertFalse(tableExists("public.seeded_half"));

        seedFile("CREATE TABLE seeded_half (id int);");
        assertTrue(seeder.seed(file));
        assertTrue(tableExists("public.seeded_half"));
    }

    @Test
    void theDefaultIsUnderTheProjectAndAnEmptyOptionMeansTheDefault() {
        Path expected = project.resolve("src/database/seed.sql");
        assertEquals(expected, Seeder.resolve(null, project));
        assertEquals(expected, Seeder.resolve(Path.of(""), project));
        assertEquals(Path.of("other.sql"), Seeder.resolve(Path.of("other.sql"), project));
    }
}
