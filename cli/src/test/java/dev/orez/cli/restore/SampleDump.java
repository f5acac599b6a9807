package dev.orez.cli.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * pg-dump-18.sql, a hand-written dump in pg_dump 18's plain format exercising every rule, and what restoring
 * it into an empty orez database must give, through whichever target.
 */
final class SampleDump {
    /** Rows of a query's result, as text. */
    interface Database {
        List<List<String>> rows(String sql);
    }

    private SampleDump() {}

    static DumpReader reader() {
        Reader text = new InputStreamReader(
                Objects.requireNonNull(SampleDump.class.getResourceAsStream("pg-dump-18.sql")), StandardCharsets.UTF_8);
        return new DumpReader(text, RestoreSettings.defaults().maxRowBytes());
    }

    static RestoreSummary restore(RestoreTarget target, RestoreListener listener) throws IOException {
        try (DumpReader reader = reader()) {
            return new DumpRestore(target, RestoreSettings.defaults(), listener).restore(reader, OptionalLong.empty());
        }
    }

    /** The schema, functions, view, sequence, data and triggers, and nothing of what was skipped. */
    static void assertRestored(Database db) {
        assertEquals(
                List.of(
                        List.of("1", "plain", "<null>", "2024-01-02 03:04:05+00"),
                        List.of("2", "tab\there", "line\nbreak", "<null>"),
                        List.of("3", "back\\slash", "ABC", "<null>"),
                        List.of("4", "quote's \"dq\"", "; not a statement", "<null>")),
                db.rows("SELECT id, name, coalesce(note, '<null>'), coalesce(updated::text, '<null>')"
                        + " FROM shop.items ORDER BY id"));
        assertEquals(
                List.of(List.of("1", "5"), List.of("3", "7")),
                db.rows("SELECT \"line;no\", qty FROM public.\"Order; Lines\" ORDER BY 1"));
        assertEquals(List.of(List.of("5")), db.rows("SELECT nextval('shop.items_id_seq')"));
        assertEquals(List.of(List.of("5")), db.rows("SELECT public.add(2, 3)"));
        assertEquals(List.of(List.of("4")), db.rows("SELECT count(*) FROM shop.item_names"));
        assertEquals(
                List.of(List.of("what the shop sells; it's \"items\"")),
                db.rows("SELECT obj_description('shop.items'::regclass, 'pg_class')"));
        assertEquals(
                List.of(List.of("items_touch")),
                db.rows("SELECT tgname FROM pg_trigger WHERE tgrelid = 'shop.items'::regclass AND NOT tgisinternal"));
        assertEquals(
                List.of(List.of("items_pkey")),
                db.rows("SELECT conname FROM pg_constraint WHERE conrelid = 'shop.items'::regclass AND contype = 'p'"));
        assertEquals(List.of(), db.rows("SELECT 1 FROM pg_publication WHERE pubname = 'zero_data'"));
        assertEquals(List.of(), db.rows("SELECT 1 FROM pg_extension WHERE extname = 'pg_cron'"));
        assertNotEquals(List.of(List.of("")), db.rows("SHOW search_path"), "the dump's empty search_path was reset");
        db.rows("UPDATE shop.items SET name = name WHERE id = 1");
        assertEquals(List.of(List.of("t")), db.rows("SELECT updated > '2024-01-02' FROM shop.items WHERE id = 1"));
    }

    /** Every statement accounted for: 28 run, 14 skipped for the reasons given, the errors grouped. */
    static void assertSummary(RestoreSummary summary) {
        assertEquals(28, summary.statementsExecuted(), summary.render());
        assertEquals(
                Map.of(
                        DumpRestore.META_COMMAND,
                        2L,
                        StatementRules.TRANSACTION_TIMEOUT,
                        1L,
                        StatementRules.missingExtension("pg_cron"),
                        2L,
                        StatementRules.REPLICATION,
                        3L,
                        RestoreTally.MISSING_TRIGGER_FUNCTION,
                        1L,
                        RestoreTally.FAILED,
                        5L),
                summary.skippedByReason(),
                summary.render());
        assertEquals(14, summary.statementsSkipped());
        assertEquals(4, summary.rowsCopied());
        assertEquals(0, summary.rowsSkipped());
        assertEquals(
                List.of(
                        new RestoreSummary.Problem(
                                "role \"…\" does not exist", 4, 29, "ALTER SCHEMA shop OWNER TO prod"),
                        new RestoreSummary.Problem(
                                "invalid input syntax for type integer: \"many\"",
                                1,
                                157,
                                "INSERT INTO public.\"Order; Lines\" VALUES (2, 2, 'many')")),
                summary.problems());
        assertEquals(1, summary.droppedTriggers().size());
        assertTrue(
                summary.droppedTriggers()
                        .get(0)
                        .startsWith("trigger items_audit on shop.items: its function audit.log_change is missing"),
                summary.droppedTriggers().toString());
        assertTrue(!summary.interrupted());
    }
}
