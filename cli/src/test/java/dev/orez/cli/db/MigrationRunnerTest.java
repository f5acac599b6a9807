package dev.orez.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationRunnerTest extends EngineTest {
    @TempDir
    Path migrations;

    private MigrationRunner runner;

    @BeforeEach
    void freshDatabase() {
        emptyPublicSchema();
        runner = new MigrationRunner(db);
    }

    private void write(String name, String sql) throws IOException {
        Path file = migrations.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    private List<String> recorded() {
        return rows("SELECT name FROM public.migrations ORDER BY id").stream()
                .map(row -> row.get(0))
                .toList();
    }

    @Test
    void appliesFilesInNameOrderOnceAcrossRuns() throws IOException {
        // written in reverse: the second needs the first's table
        write("0002_posts.sql", "CREATE TABLE posts (id int PRIMARY KEY, author int REFERENCES authors (id));");
        write("0001_authors.sql", "CREATE TABLE authors (id int PRIMARY KEY);");
        write("notes.txt", "not SQL");

        assertEquals(2, runner.apply(migrations));
        assertEquals(List.of("0001_authors", "0002_posts"), recorded());
        assertTrue(tableExists("public.posts"));

        assertEquals(0, runner.apply(migrations));
        write("0003_tags.sql", "CREATE TABLE tags (name text);");
        assertEquals(1, new MigrationRunner(db).apply(migrations));
        assertEquals(List.of("0001_authors", "0002_posts", "0003_tags"), recorded());
    }

    @Test
    void followsTheDrizzleJournalRatherThanNames() throws IOException {
        write("zeta_first.sql", "CREATE TABLE first_table (id int PRIMARY KEY);");
        write("alpha_second.sql", "CREATE TABLE second_table (id int REFERENCES first_table (id));");
        write("0000_not_in_journal.sql", "CREATE TABLE must_not_exist (id int);");
        write("meta/_journal.json", """
                {
                  "version": "7",
                  "dialect": "postgresql",
                  "entries": [
                    {"idx": 0, "version": "7", "when": 1700000000000, "tag": "zeta_first", "breakpoints": true},
                    {"idx": 1, "version": "7", "when": 1700000000001, "tag": "alpha_second", "breakpoints": true}
                  ]
                }
                """);

        assertEquals(2, runner.apply(migrations));
        assertEquals(List.of("zeta_first", "alpha_second"), recorded());
        assertFalse(tableExists("public.must_not_exist"));
        assertEquals(0, runner.apply(migrations));
    }

    @Test
    void splitsOnStatementBreakpoints() throws IOException {
        write(
                "0001_split.sql",
                "CREATE TABLE s1 (id int);\n--> statement-breakpoint\nCREATE TABLE s2 (id int);\n"
                        + "--> statement-breakpoint\n   \n--> statement-breakpoint\n"
                        + "INSERT INTO s1 VALUES (1); INSERT INTO s1 VALUES (2);\n--> statement-breakpoint\n");

        assertEquals(1, runner.apply(migrations));
        assertTrue(tableExists("public.s2"));
        assertEquals("2", single("SELECT count(*) FROM s1"));
    }

    @Test
    void aFailingFileIsNamedAndRolledBackWhileEarlierFilesStay() throws IOException {
        write("0001_ok.sql", "CREATE TABLE kept (id int);");
        write(
                "0002_broken.sql",
                "CREATE TABLE half_done (id int);\n--> statement-breakpoint\nINSERT INTO no_such_table VALUES (1);");

        StartupStepException failure = assertThrows(StartupStepException.class, () -> runner.apply(migrations));
        assertTrue(failure.getMessage().contains("0002_broken.sql"), failure.getMessage());
        assertTrue(failure.getMessage().contains("relation \"no_such_table\" does not exist"), failure.getMessage());
        assertTrue(failure.getMessage().contains("42P01"), failure.getMessage());
        assertTrue(tableExists("public.kept"));
        assertFalse(tableExists("public.half_done"));
        assertEquals(List.of("0001_ok"), recorded());
        assertEquals("I", single("SELECT 'I'"), "the session is usable, not stuck in an aborted transaction");

        // fixed, it applies on the next start without tripping over its own first statement
        write("0002_broken.sql", "CREATE TABLE half_done (id int);");
        assertEquals(1, runner.apply(migrations));
        assertEquals(List.of("0001_ok", "0002_broken"), recorded());
    }

    @Test
    void aFileThatCannotRunInATransactionStillApplies() throws IOException {
        write(
                "0001_concurrently.sql",
                "CREATE TABLE big (v int);\n--> statement-breakpoint\n"
                        + "INSERT INTO big SELECT generate_series(1, 100);\n--> statement-breakpoint\n"
                        + "CREATE INDEX CONCURRENTLY big_v ON big (v);");
        write("0002_after.sql", "CREATE TABLE after_concurrently (id int);");

        assertEquals(2, runner.apply(migrations));
        assertEquals(List.of("0001_concurrently", "0002_after"), recorded());
        assertEquals("100", single("SELECT count(*) FROM big"), "the rolled-back first attempt left no rows");
        assertEquals("1", single("SELECT count(*) FROM pg_indexes WHERE indexname = 'big_v'"));
    }

    @Test
    void nothingToDoWithoutADirectory() {
        assertEquals(0, runner.apply(null));
        assertEquals(0, runner.apply(Path.of("")));
        assertEquals(0, runner.apply(migrations.resolve("missing")));
        assertFalse(tableExists("public.migrations"));
    }

    @Test
    void aJournalEntryWithoutItsFileIsAnError() throws IOException {
        write("meta/_journal.json", "{\"entries\": [{\"tag\": \"0000_gone\"}]}");

        StartupStepException failure = assertThrows(StartupStepException.class, () -> runner.apply(migrations));
        assertTrue(failure.getMessage().contains("0000_gone.sql"), failure.getMessage());
    }

    @Test
    void namesWithQuotesAreRecordedAsTheyAre() throws IOException {
        write("0001_it's.sql", "CREATE TABLE quoted (id int);");

        assertEquals(1, runner.apply(migrations));
        assertEquals(List.of("0001_it's"), recorded());
        assertEquals(0, runner.apply(migrations));
    }
}
