package dev.orez.pglite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One engine, many behaviours of a Postgres session, all against the real engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PGliteSessionTest {
    @TempDir
    static Path dataDir;

    private PGlite pg;

    @BeforeAll
    void open() {
        pg = PGlite.open(dataDir, PGliteOptions.defaults().withName("session-test"));
        Replies startup = new Replies(pg.execProtocolRaw(Frontend.startup("postgres", "postgres")));
        assertTrue(startup.types().startsWith("R"), startup.types());
        assertEquals(
                0, java.nio.ByteBuffer.wrap(startup.ofType('R').get(0).body()).getInt(), "AuthenticationOk");
        assertTrue(startup.types().contains("S"), "ParameterStatus messages");
        assertEquals('I', startup.readyStatus());
    }

    @AfterAll
    void close() {
        pg.close();
    }

    private Replies query(String sql) {
        return new Replies(pg.execProtocolRaw(Frontend.query(sql)));
    }

    @Test
    void selectOneAnswersOneRow() {
        Replies r = query("SELECT 1");
        // PGlite resends the startup's ParameterStatus values once, with the first ReadyForQuery after startup
        assertEquals("TDCZ", r.types().replace("S", ""));
        assertEquals("1", r.single());
        assertEquals(List.of("SELECT 1"), r.commandTags());
        assertEquals('I', r.readyStatus());
    }

    @Test
    void ddlAndDmlWork() {
        query("CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, price numeric)");
        Replies insert = query("INSERT INTO items (name, price) VALUES ('a', 1.5), ('b', 2.25), ('c', NULL)");
        assertEquals(List.of("INSERT 0 3"), insert.commandTags());
        assertEquals(
                List.of("UPDATE 1"),
                query("UPDATE items SET price = 3 WHERE name = 'c'").commandTags());
        assertEquals(
                List.of("DELETE 1"), query("DELETE FROM items WHERE name = 'a'").commandTags());
        assertEquals("5.25", query("SELECT sum(price) FROM items").single());
        Replies extended = new Replies(pg.execProtocolRaw(
                Frontend.extendedQuery("SELECT name FROM items WHERE price > $1 ORDER BY name", "2.5")));
        assertEquals(List.of(List.of("c")), extended.rows());
    }

    @Test
    void errorsInsideSavepointsRollBackAndTheSessionContinues() {
        assertEquals('T', query("BEGIN").readyStatus());
        query("CREATE TABLE sp (x int)");
        query("INSERT INTO sp VALUES (1)");
        query("SAVEPOINT a");

        Replies syntax = query("SELEC oops");
        assertEquals("42601", syntax.errors().get(0).get('C'));
        assertEquals('E', syntax.readyStatus());
        query("ROLLBACK TO a");

        query("INSERT INTO sp VALUES (2)");
        query("SAVEPOINT b");
        Replies division = query("SELECT 1 / (x - x) FROM sp");
        assertEquals("22012", division.errors().get(0).get('C'));
        assertEquals('E', division.readyStatus());
        assertEquals('T', query("ROLLBACK TO b").readyStatus());

        query("INSERT INTO sp VALUES (3)");
        assertEquals('I', query("COMMIT").readyStatus());
        assertEquals(
                "1,2,3",
                query("SELECT string_agg(x::text, ',' ORDER BY x) FROM sp").single());
    }

    @Test
    void plpgsqlFunctionsAndRowTriggersRun() {
        query("CREATE FUNCTION fib(n int) RETURNS int LANGUAGE plpgsql AS $$ "
                + "BEGIN IF n < 2 THEN RETURN n; END IF; RETURN fib(n - 1) + fib(n - 2); END $$");
        assertEquals("55", query("SELECT fib(10)").single());

        query("CREATE TABLE audited (id int, v text)");
        query("CREATE TABLE audit_log (op text, id int)");
        query("CREATE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
                + "BEGIN INSERT INTO audit_log VALUES (TG_OP, coalesce(NEW.id, OLD.id)); RETURN NEW; END $$");
        query("CREATE TRIGGER audited_log AFTER INSERT OR UPDATE OR DELETE ON audited "
                + "FOR EACH ROW EXECUTE FUNCTION log_change()");
        query("INSERT INTO audited VALUES (1, 'x'), (2, 'y')");
        query("UPDATE audited SET v = 'z' WHERE id = 2");
        query("DELETE FROM audited WHERE id = 1");
        assertEquals(
                "INSERT:1,INSERT:2,UPDATE:2,DELETE:1",
                query("SELECT string_agg(op || ':' || id, ',' ORDER BY ctid) FROM audit_log")
                        .single());

        Replies caught = query(
                "DO $$ BEGIN PERFORM 1/0; EXCEPTION WHEN division_by_zero THEN " + "RAISE NOTICE 'caught'; END $$");
        assertTrue(caught.errors().isEmpty(), caught.errors().toString());
        assertEquals(1, caught.ofType('N').size(), "the NOTICE from the exception handler");
    }

    @Test
    void resultsLargerThan16MegabytesArriveWhole() {
        Replies r = query("SELECT repeat(md5(i::text), 32768) FROM generate_series(1, 20) i"); // 20 x 1 MiB
        List<List<String>> rows = r.rows();
        assertEquals(20, rows.size());
        long total = rows.stream().mapToLong(row -> row.get(0).length()).sum();
        assertEquals(20L * 32 * 32768, total);
        assertTrue(total > 16L << 20);
    }

    @Test
    void copyToStdoutStreamsTextAndBinary() {
        query("CREATE TABLE copied AS SELECT i, 'row ' || i AS label FROM generate_series(1, 1000) i");
        Replies text = query("COPY copied TO STDOUT");
        assertEquals('H', text.types().charAt(0));
        assertEquals(1000, text.ofType('d').size());
        assertEquals("1\trow 1\n", new String(text.ofType('d').get(0).body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of("COPY 1000"), text.commandTags());
        assertEquals('I', text.readyStatus());

        Replies binary = query("COPY (SELECT i FROM copied WHERE i <= 3) TO STDOUT WITH (FORMAT binary)");
        assertEquals('H', binary.types().charAt(0));
        byte[] header = binary.ofType('d').get(0).body();
        assertEquals("PGCOPY\n\u00ff\r\n\0", new String(header, 0, 11, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(List.of("COPY 3"), binary.commandTags());
        assertEquals("1000", query("SELECT count(*) FROM copied").single(), "the session works after COPY");
    }

    @Test
    void fullTextSearchLoadsTheSnowballStemmer() {
        assertEquals(
                "'dog':2 'run':1",
                query("SELECT to_tsvector('english', 'running dogs')").single());
    }

    @Test
    void constraintViolationsReportSqlstate() {
        query("CREATE TABLE uniq (k int PRIMARY KEY)");
        query("INSERT INTO uniq VALUES (1)");
        Map<Character, String> error =
                query("INSERT INTO uniq VALUES (1)").errors().get(0);
        assertEquals("23505", error.get('C'));
        assertEquals("ERROR", error.get('S'));
    }
}
