package dev.orez.cli.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.cli.db.SqlSession;
import dev.orez.pglite.PGlite;
import dev.orez.pglite.PGliteOptions;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Restores into a real engine in this JVM, one engine for the class (opening one takes seconds). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineRestoreTest {
    @TempDir
    static Path engineDir;

    private PGlite engine;
    private SqlSession db;
    private EngineTarget target;
    private final List<String> warnings = new ArrayList<>();
    private final List<RestoreProgress> reports = new ArrayList<>();
    private final RestoreListener listener = new RestoreListener() {
        @Override
        public void progress(RestoreProgress progress) {
            reports.add(progress);
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    };

    @BeforeAll
    void openEngine() {
        engine = PGlite.open(
                engineDir, PGliteOptions.defaults().withName("postgres").withLog(line -> {}));
        db = SqlSession.open(engine);
        target = new EngineTarget(engine);
    }

    @AfterAll
    void closeEngine() {
        engine.close();
    }

    @BeforeEach
    void emptyDatabase() {
        db.query("DROP SCHEMA IF EXISTS shop CASCADE; DROP SCHEMA IF EXISTS _orez CASCADE;"
                + " DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        warnings.clear();
        reports.clear();
    }

    private RestoreSummary restore(RestoreSettings settings, Reader dump) {
        return new DumpRestore(target, settings, listener)
                .restore(new DumpReader(dump, settings.maxRowBytes()), OptionalLong.empty());
    }

    private List<List<String>> rows(String sql) {
        return db.query(sql).rows();
    }

    @Test
    void aPgDumpScriptIsRestoredWithEverySkipAndFailureAccountedFor() throws Exception {
        RestoreSummary summary = SampleDump.restore(target, listener);

        SampleDump.assertSummary(summary);
        SampleDump.assertRestored(this::rows);
        assertEquals(
                List.of(
                        "line 29: role \"prod\" does not exist — ALTER SCHEMA shop OWNER TO prod",
                        "line 157: invalid input syntax for type integer: \"many\" — INSERT INTO public.\"Order; Lines\""
                                + " VALUES (2, 2, 'many')",
                        "not restored: " + summary.droppedTriggers().get(0)),
                warnings,
                "each kind of error is told once");
        assertTrue(reports.get(reports.size() - 1).finished());
        String report = summary.render();
        assertTrue(report.startsWith("restored 28 statements and 4 rows in "), report);
        assertTrue(
                report.contains("  4 × role \"…\" does not exist\n      first at line 29: ALTER SCHEMA shop"), report);
    }

    @Test
    void aCopyLargerThanAChunkGoesInSeveralTransactionsAndArrivesWhole() throws Exception {
        int count = 120_000;
        db.query("CREATE TABLE public.big (id int, label text, amount numeric)"); // pg_dump adds keys after the data
        GeneratedDump dump =
                new GeneratedDump("COPY public.big (id, label, amount) FROM stdin;\n", SampleRows::big, count, "\\.\n");

        long start = System.nanoTime();
        RestoreSummary summary = restore(RestoreSettings.defaults(), dump);
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("EngineTarget: %,d rows in %.2f s = %,.0f rows/s%n", count, seconds, count / seconds);
        assertEquals(count, summary.rowsCopied(), summary.render());
        assertEquals(1, summary.statementsExecuted());
        assertEquals(
                List.of(List.of(String.valueOf(count), SampleRows.bigSum(count), SampleRows.bigDigest(count))),
                rows(SampleRows.BIG_CHECKSUM));
    }

    @Test
    void aFailedChunkLosesOnlyItsOwnRowsAndNamesTheFileLineThatFailed() {
        db.query("CREATE TABLE public.small (id int PRIMARY KEY)");
        RestoreSettings tenPerChunk = new RestoreSettings(false, 10, 1 << 20, 1 << 20, 200, 1 << 30, Duration.ZERO);
        GeneratedDump dump = new GeneratedDump(
                "COPY public.small (id) FROM stdin;\n", i -> i == 14 ? "fourteen" : String.valueOf(i), 30, "\\.\n");

        RestoreSummary summary = restore(tenPerChunk, dump);

        assertEquals(20, summary.rowsCopied());
        assertEquals(10, summary.rowsSkipped());
        assertEquals(List.of(List.of("20", "0", "29")), rows("SELECT count(*), min(id), max(id) FROM small"));
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM small WHERE id BETWEEN 10 AND 19"));
        RestoreSummary.Problem problem = summary.problems().get(0);
        assertEquals("COPY public.small: invalid input syntax for type integer: \"fourteen\"", problem.message());
        assertEquals(16, problem.firstLine()); // row 14 is on line 16: after the COPY line, counting from 0
        assertEquals("the 10 rows of lines 12–21 were not restored", problem.firstExample());
        assertTrue(reports.size() > 1, "a report on every tick with a zero interval");
    }

    @Test
    void aCopyIntoAMissingTableSkipsItsDataAtOnce() {
        RestoreSettings tenPerChunk =
                new RestoreSettings(false, 10, 1 << 20, 1 << 20, 200, 1 << 30, Duration.ofSeconds(1));
        GeneratedDump dump =
                new GeneratedDump("COPY public.gone (id) FROM stdin;\n", String::valueOf, 35, "\\.\nSELECT 1;\n");

        RestoreSummary summary = restore(tenPerChunk, dump);

        assertEquals(35, summary.rowsSkipped());
        assertEquals(1, summary.problems().size());
        assertEquals(
                "35 rows from line 2 to the end of this COPY were not restored",
                summary.problems().get(0).firstExample());
        assertEquals(1, summary.statementsExecuted(), "the statement after the data still runs");
    }

    @Test
    void aRowOverTheLimitIsSkippedAndTheRestOfTheTableLoads() {
        db.query("CREATE TABLE public.wide (id int, body text)");
        RestoreSettings smallRows =
                new RestoreSettings(false, 50_000, 1 << 20, 1000, 200, 1 << 30, Duration.ofSeconds(1));
        GeneratedDump dump = new GeneratedDump(
                "COPY public.wide FROM stdin;\n", i -> i + "\t" + "x".repeat(i == 2 ? 5000 : 10), 5, "\\.\n");

        RestoreSummary summary = restore(smallRows, dump);

        assertEquals(4, summary.rowsCopied());
        assertEquals(1, summary.rowsSkipped());
        assertEquals(
                List.of(List.of("0"), List.of("1"), List.of("3"), List.of("4")),
                rows("SELECT id FROM wide ORDER BY id"));
        assertEquals(4, summary.problems().get(0).firstLine());
    }

    @Test
    void anInterruptStopsTheRestoreAndRollsBackTheOpenBatch() {
        db.query("CREATE TABLE public.counted (id int)");
        GeneratedDump dump = new GeneratedDump(
                "",
                i -> {
                    if (i == 250) {
                        Thread.currentThread().interrupt(); // as if the user pressed Ctrl-C while this was read
                    }
                    return "INSERT INTO public.counted VALUES (" + i + ");";
                },
                1000,
                "");

        RestoreSummary summary;
        try {
            summary = restore(RestoreSettings.defaults(), dump);
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }

        assertTrue(summary.interrupted());
        long committed = Long.parseLong(db.query("SELECT count(*) FROM counted").single());
        assertEquals(summary.statementsExecuted(), committed, "what is counted is exactly what was committed");
        assertEquals(200, committed);
    }

    @Test
    void anInterruptDuringACopyAbortsThatChunkAndLeavesTheEngineUsable() {
        db.query("CREATE TABLE public.streamed (id int)");
        GeneratedDump dump = new GeneratedDump(
                "COPY public.streamed (id) FROM stdin;\n",
                i -> {
                    if (i == 70_000) {
                        Thread.currentThread().interrupt();
                    }
                    return String.valueOf(i);
                },
                100_000,
                "\\.\n");

        RestoreSummary summary;
        try {
            summary = restore(RestoreSettings.defaults(), dump);
        } finally {
            Thread.interrupted();
        }

        assertTrue(summary.interrupted());
        assertEquals(50_000, summary.rowsCopied(), "the first chunk committed, the second was aborted");
        assertEquals(List.of(List.of("50000")), rows("SELECT count(*) FROM streamed"));
    }

    @Test
    void aDumpCutShortInsideCopyDataFailsWithWhatWasDone() {
        db.query("CREATE TABLE public.cut (id int)");
        RestoreFailedException e = assertThrows(
                RestoreFailedException.class,
                () -> restore(
                        RestoreSettings.defaults(),
                        new StringReader("SELECT 1;\nCOPY public.cut (id) FROM stdin;\n1\n2\n")));
        assertTrue(e.getMessage().contains("COPY public.cut (line 2)"), e.getMessage());
        assertEquals(1, e.summary().statementsExecuted());
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM cut"), "the unfinished COPY is not kept");
    }

    @Test
    void cleanEmptiesPublicButLeavesOrezsSchema() {
        db.query("CREATE TABLE public.leftover (id int); CREATE SCHEMA _orez; CREATE TABLE _orez.kept (id int);"
                + " INSERT INTO _orez.kept VALUES (1)");

        RestoreSummary summary = restore(
                RestoreSettings.defaults().withClean(true),
                new StringReader("CREATE TABLE public.fresh (id int);\nCREATE TABLE _orez.kept (id int);\n"
                        + "COPY _orez.kept (id) FROM stdin;\n2\n\\.\n"));

        assertEquals(List.of(List.of("fresh")), rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"));
        assertEquals(List.of(List.of("1")), rows("SELECT id FROM _orez.kept"));
        assertEquals(2, summary.skippedByReason().get(StatementRules.OREZ_SCHEMA));
        assertEquals(1, summary.rowsSkipped());
    }

    @Test
    void cleanReplacesEverySchemaTheDumpCreatesAndLeavesTheOthers() {
        db.query("CREATE SCHEMA shop; CREATE TABLE shop.item (id int PRIMARY KEY); INSERT INTO shop.item VALUES (1);"
                + " CREATE SCHEMA untouched; CREATE TABLE untouched.t (id int)");

        RestoreSummary summary = restore(
                RestoreSettings.defaults().withClean(true),
                new StringReader("CREATE SCHEMA shop;\nCREATE TABLE shop.item (id int PRIMARY KEY);\n"
                        + "COPY shop.item (id) FROM stdin;\n1\n2\n\\.\n"));

        assertEquals(List.of(List.of("1"), List.of("2")), rows("SELECT id FROM shop.item ORDER BY id"));
        assertEquals(List.of(List.of("t")), rows("SELECT tablename FROM pg_tables WHERE schemaname = 'untouched'"));
        assertEquals(0, summary.rowsSkipped(), summary.render());
        db.query("DROP SCHEMA shop CASCADE; DROP SCHEMA untouched CASCADE");
    }

    /** The rows of the big COPY, and what the database must say about them. */
    static final class SampleRows {
        static final String BIG_CHECKSUM = "SELECT count(*), sum(amount),"
                + " md5(string_agg(id || ':' || label, ',' ORDER BY id)) FROM public.big";

        private SampleRows() {}

        static String big(int i) {
            return i + "\tlabel-" + i + (i % 7 == 0 ? "\\twith tab" : "") + "\t" + (i % 1000) + ".25";
        }

        static String bigSum(int count) {
            BigInteger quarters = BigInteger.ZERO;
            for (int i = 0; i < count; i++) {
                quarters = quarters.add(BigInteger.valueOf((i % 1000) * 100L + 25));
            }
            return new java.math.BigDecimal(quarters, 2).toPlainString();
        }

        static String bigDigest(int count) throws Exception {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (int i = 0; i < count; i++) {
                String label = "label-" + i + (i % 7 == 0 ? "\twith tab" : "");
                md5.update(((i == 0 ? "" : ",") + i + ":" + label).getBytes(StandardCharsets.UTF_8));
            }
            return String.format("%032x", new BigInteger(1, md5.digest()));
        }
    }
}
