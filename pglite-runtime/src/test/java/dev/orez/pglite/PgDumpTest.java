package dev.orez.pglite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real pg_dump against an engine in this JVM. */
class PgDumpTest extends OneEngineTest {
    private static final String COPY_HEADER =
            "COPY public.t (id, big, label, amount, flag, at, doc, raw, tags, uid, note) FROM stdin;\n";
    // COPY's text format: tab between columns, \N for NULL, and backslash escapes for tab, newline, backslash.
    private static final String ROW_1 = "1\t9007199254740993\tit's a \"quote\"\t12.345\tt\t2024-01-02 03:04:05.678+00"
            + "\t{\"a\": [1, 2]}\t\\\\x00ff10\t{a,\"b c\"}\t6f1c2a86-6a0a-4d2b-9a37-1f1d2e3c4b5a\t\\N\n";
    private static final String ROW_2 = "2\t-1\ttab\\there\\nnewline\\\\back\t-0.500\tf\t1999-12-31 23:59:59+00"
            + "\t\"s\"\t\\\\x\t{}\t00000000-0000-0000-0000-000000000000\tx\n";

    @BeforeAll
    void createSchema() {
        run("CREATE SEQUENCE counter START 5");
        run("SELECT nextval('counter')");
        run("CREATE TABLE t (id int PRIMARY KEY, big bigint, label text, amount numeric(12, 3), flag bool,"
                + " at timestamptz, doc jsonb, raw bytea, tags text[], uid uuid, note text)");
        run("INSERT INTO t VALUES"
                + " (1, 9007199254740993, 'it''s a \"quote\"', 12.345, true, '2024-01-02 03:04:05.678+00',"
                + " '{\"a\": [1, 2]}', '\\x00ff10', '{a,\"b c\"}', '6f1c2a86-6a0a-4d2b-9a37-1f1d2e3c4b5a', NULL),"
                + " (2, -1, E'tab\\there\\nnewline\\\\back', -0.5, false, '1999-12-31 23:59:59+00', '\"s\"', '\\x',"
                + " '{}', '00000000-0000-0000-0000-000000000000', 'x')");
        run("CREATE VIEW t_view AS SELECT id, label FROM t WHERE flag");
        run("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN NEW.note := coalesce(NEW.note, 'touched'); RETURN NEW; END $$");
        run("CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch()");
    }

    private Replies run(String sql) {
        Replies replies = new Replies(pg.execProtocolRaw(Frontend.query(sql)));
        assertEquals(List.of(), replies.errors(), sql);
        return replies;
    }

    private String dump(String... pgDumpArgs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PgDump.inProcess(pg, "postgres").dump(List.of(pgDumpArgs), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dumpsSchemaAndDataAsPlainSql() throws IOException {
        String dump = dump();

        assertTrue(dump.contains("CREATE TABLE public.t (\n    id integer NOT NULL,\n    big bigint,\n"), dump);
        assertTrue(dump.contains(COPY_HEADER + ROW_1 + ROW_2 + "\\.\n"), dump);
        assertTrue(dump.contains("CREATE SEQUENCE public.counter\n"), dump);
        assertTrue(dump.contains("SELECT pg_catalog.setval('public.counter', 5, true);"), dump);
        assertTrue(dump.contains("CREATE VIEW public.t_view AS\n"), dump);
        assertTrue(dump.contains("CREATE FUNCTION public.touch() RETURNS trigger\n    LANGUAGE plpgsql\n"), dump);
        assertTrue(dump.contains("NEW.note := coalesce(NEW.note, 'touched')"), dump);
        assertTrue(
                dump.contains(
                        "CREATE TRIGGER t_touch BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch();"),
                dump);
        assertTrue(dump.endsWith("--\n-- PostgreSQL database dump complete\n--\n\n" + unrestrictLine(dump)), dump);
    }

    /** pg_dump's last line carries a random key, different in every dump. */
    private static String unrestrictLine(String dump) {
        int start = dump.lastIndexOf("\\unrestrict ");
        assertTrue(start >= 0, dump);
        return dump.substring(start);
    }

    @Test
    void schemaOnlyHasNoData() throws IOException {
        String dump = dump("--schema-only");

        assertTrue(dump.contains("CREATE TABLE public.t ("), dump);
        assertTrue(dump.contains("CREATE TRIGGER t_touch"), dump);
        assertFalse(dump.contains("COPY public.t"), dump);
        assertFalse(dump.contains("setval"), dump);
    }

    @Test
    void dataOnlyHasNoSchema() throws IOException {
        String dump = dump("--data-only");

        assertTrue(dump.contains(COPY_HEADER + ROW_1 + ROW_2 + "\\.\n"), dump);
        assertTrue(dump.contains("SELECT pg_catalog.setval('public.counter', 5, true);"), dump);
        assertFalse(dump.contains("CREATE TABLE"), dump);
        assertFalse(dump.contains("CREATE FUNCTION"), dump);
    }

    @Test
    void aFailingRunThrowsPgDumpsOwnMessage() {
        PgDumpException noTable = assertThrows(PgDumpException.class, () -> dump("--table=missing", "--strict-names"));
        assertTrue(
                noTable.getMessage().contains("pg_dump: error: no matching tables were found for pattern \"missing\""),
                noTable.getMessage());
        assertEquals(1, noTable.exitStatus());

        PgDumpException badFlag = assertThrows(PgDumpException.class, () -> dump("--no-such-flag"));
        assertTrue(badFlag.getMessage().contains("unrecognized option"), badFlag.getMessage());
        assertEquals(1, badFlag.exitStatus());
    }

    @Test
    void connectionAndOutputOptionsAreRefused() {
        for (String option : List.of("-f", "--file=x.sql", "-hremote", "--port=1", "-U", "--dbname=other")) {
            assertThrows(IllegalArgumentException.class, () -> dump(option), option);
        }
    }

    @Test
    void theEngineSessionIsCleanAfterEveryDumpAndDumpsRepeat() throws IOException {
        String searchPath = run("SHOW search_path").single();

        String first = dump();
        assertThrows(PgDumpException.class, () -> dump("--table=missing", "--strict-names"));
        String second = dump();

        assertEquals(withoutRestrictKey(first), withoutRestrictKey(second));
        assertEquals(searchPath, run("SHOW search_path").single());
        assertEquals("0", run("SELECT count(*) FROM pg_prepared_statements").single());
        assertEquals("2", run("SELECT count(*) FROM t").single());
        assertEquals(
                'I', transactionStatus(pg.execProtocolRaw(Frontend.query("SELECT 1"))), "no transaction left open");
    }

    private static String withoutRestrictKey(String dump) {
        return dump.replaceAll("(?m)^\\\\(un)?restrict \\S+$", "\\\\$1restrict KEY");
    }

    private static char transactionStatus(byte[] output) {
        List<Replies.Message> ready = new Replies(output).ofType('Z');
        return (char) ready.get(ready.size() - 1).body()[0];
    }

    @Test
    void aFailingOutputStreamFailsTheDumpWithItsException() {
        IOException full = new IOException("disk full");
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw full;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw full;
            }
        };

        IOException thrown = assertThrows(
                IOException.class, () -> PgDump.inProcess(pg, "postgres").dump(List.of(), failing));

        assertEquals(full, thrown);
        assertEquals("1", run("SELECT 1").single());
    }

    @Test
    void stderrLinesReachTheCaller() {
        List<String> lines = new ArrayList<>();
        assertThrows(PgDumpException.class, () -> PgDump.inProcess(pg, "postgres")
                .withStderr(lines::add)
                .dump(List.of("--no-such-flag"), OutputStream.nullOutputStream()));
        assertTrue(lines.stream().anyMatch(line -> line.contains("unrecognized option")), lines.toString());
    }

    @Test
    void anInterruptedCallerStopsTheDump() {
        Thread.currentThread().interrupt();
        PgDumpException stopped = assertThrows(PgDumpException.class, () -> dump());

        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals("pg_dump was interrupted", stopped.getMessage());
        assertEquals("1", run("SELECT 1").single());
    }
}
