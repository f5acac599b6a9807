package dev.orez.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionalScriptTest extends EngineTest {
    @BeforeEach
    void freshDatabase() {
        emptyPublicSchema();
        db.query("CREATE TABLE done (name text)");
    }

    @Test
    void anOrdinaryScriptAndItsRecordCommitTogether() {
        assertEquals(
                TransactionalScript.Outcome.IN_ONE_TRANSACTION,
                TransactionalScript.apply(
                        db, "script", List.of("CREATE TABLE a (id int)"), "INSERT INTO done VALUES ('a')"));
        assertTrue(tableExists("public.a"));
        assertEquals("a", single("SELECT name FROM done"));
    }

    @Test
    void aFailingRecordRollsTheScriptBack() {
        StartupStepException failure = assertThrows(
                StartupStepException.class,
                () -> TransactionalScript.apply(
                        db, "script x.sql", List.of("CREATE TABLE b (id int)"), "INSERT INTO nowhere VALUES (1)"));
        assertTrue(failure.getMessage().startsWith("script x.sql failed: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("in: INSERT INTO nowhere VALUES (1)"), failure.getMessage());
        assertFalse(tableExists("public.b"));
    }

    @Test
    void statementsThatRefuseATransactionBlockRunOneByOne() {
        assertEquals(
                TransactionalScript.Outcome.STATEMENT_BY_STATEMENT,
                TransactionalScript.apply(
                        db,
                        "script",
                        List.of("CREATE TABLE c (v int)", "CREATE INDEX CONCURRENTLY c_v ON c (v)", "VACUUM c"),
                        "INSERT INTO done VALUES ('c')"));
        assertEquals("1", single("SELECT count(*) FROM pg_indexes WHERE indexname = 'c_v'"));
        assertEquals("c", single("SELECT name FROM done"));
    }
}
