package dev.orez.proxy.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of the table on its own: what it rewrites, and what it must leave alone. */
class RewriteRulesTest {
    private final RewriteRules rules = RewriteRules.standard("18.6");

    private String rewrite(String sql) {
        return rules.apply(sql);
    }

    @Test
    void versionIsAPlainPostgresVersionString() {
        String expected = "SELECT 'PostgreSQL 18.6 on x86_64-pc-linux-gnu, compiled by gcc (GCC) 12.2.0, 64-bit'::text";
        assertEquals(expected, rewrite("SELECT version()"));
        assertEquals(expected, rewrite("SELECT pg_catalog.version()"));
        assertEquals("SELECT 'version()'", rewrite("SELECT 'version()'"));
        assertEquals("SELECT my_version()", rewrite("SELECT my_version()"));
    }

    @Test
    void walLevelIsLogical() {
        assertEquals(
                "SELECT 'logical'::text as \"walLevel\"",
                rewrite("SELECT current_setting('wal_level') as \"walLevel\""));
        assertEquals("SELECT 'logical'::text", rewrite("SELECT pg_catalog.current_setting( 'wal_level', true )"));
        assertEquals("SELECT current_setting('work_mem')", rewrite("SELECT current_setting('work_mem')"));
    }

    @Test
    void snapshotImportChecksTheSnapshot() {
        assertEquals(
                "DO $orez$BEGIN PERFORM _orez.import_snapshot('00000003-00000002-1'); END$orez$",
                rewrite("SET TRANSACTION SNAPSHOT '00000003-00000002-1'"));
    }

    @Test
    void tableCopiesReadThroughTheSnapshotFunction() {
        assertEquals(
                "COPY (SELECT \"a\",\"b\"::text FROM _orez.snapshot_rows(NULL::\"public\".\"zh \"\"pair\") )"
                        + " TO STDOUT WITH (FORMAT binary)",
                rewrite(
                        "COPY (SELECT \"a\",\"b\"::text FROM \"public\".\"zh \"\"pair\" ) TO STDOUT WITH (FORMAT binary)"));
        assertEquals(
                "COPY (SELECT id FROM _orez.snapshot_rows(NULL::app.items) WHERE id > 1) TO STDOUT",
                rewrite("COPY (SELECT id FROM app.items WHERE id > 1) TO STDOUT"));
        assertEquals("COPY t (a) TO STDOUT", rewrite("COPY t (a) TO STDOUT"));
    }

    @Test
    void walLevelIsLogicalForShowToo() {
        assertEquals("SELECT 'logical'::text AS wal_level;", rewrite("show wal_level;"));
    }

    @Test
    void logicalMessagesAreCapturedAlsoInFunctionBodies() {
        assertEquals(
                "SELECT _orez.emit_message(false, 'p', 'x')",
                rewrite("SELECT pg_logical_emit_message(false, 'p', 'x')"));
        assertEquals(
                "CREATE FUNCTION f() RETURNS void AS $body$ BEGIN PERFORM _orez.emit_message(true, 'p',"
                        + " 'pg_logical_emit_message(' || 1); END $body$ LANGUAGE plpgsql",
                rewrite("CREATE FUNCTION f() RETURNS void AS $body$ BEGIN PERFORM pg_logical_emit_message(true, 'p',"
                        + " 'pg_logical_emit_message(' || 1); END $body$ LANGUAGE plpgsql"));
    }

    @Test
    void transactionModesAreDroppedFromBeginAndSetTransaction() {
        assertEquals("begin", rewrite("begin ISOLATION LEVEL REPEATABLE READ READ ONLY"));
        assertEquals("BEGIN", rewrite("BEGIN ISOLATION LEVEL SERIALIZABLE, READ WRITE, NOT DEFERRABLE"));
        assertEquals("START TRANSACTION;", rewrite("START TRANSACTION READ ONLY;"));
        assertEquals(RewriteRules.NO_OP_SET + ";", rewrite("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;"));
        assertEquals(
                RewriteRules.NO_OP_SET,
                rewrite("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED"));
    }

    @Test
    void literalsCommentsAndBodiesAreNeverRewritten() {
        assertEquals("UPDATE t SET note = 'read only'", rewrite("UPDATE t SET note = 'read only'"));
        String function = "CREATE FUNCTION f() RETURNS text AS $$ BEGIN ISOLATION LEVEL SERIALIZABLE; "
                + "RETURN version(); END $$ LANGUAGE plpgsql";
        assertEquals(function, rewrite(function));
        assertEquals("SELECT 1 -- version()", rewrite("SELECT 1 -- version()"));
        assertEquals("SELECT \"version()\" FROM t", rewrite("SELECT \"version()\" FROM t"));
    }

    @Test
    void replicationSlotQueriesUseOrezsSlots() {
        assertEquals(
                "SELECT * FROM _orez.replication_slots WHERE slot_name = $1",
                rewrite("SELECT * FROM pg_replication_slots WHERE slot_name = $1"));
        assertEquals("SELECT _orez.drop_replication_slot('s')", rewrite("SELECT pg_drop_replication_slot('s')"));
        assertEquals(
                "SELECT _orez.terminate_backend(active_pid) as terminated, active_pid as pid "
                        + "FROM _orez.replication_slots",
                rewrite("SELECT pg_terminate_backend(active_pid) as terminated, active_pid as pid "
                        + "FROM pg_replication_slots"));
    }

    @Test
    void grantingReplicationIsANoOp() {
        assertEquals("ALTER ROLE CURRENT_USER RESET orez.noop", rewrite("ALTER ROLE \"user\" WITH REPLICATION"));
        assertEquals("ALTER ROLE CURRENT_USER RESET orez.noop;", rewrite("alter user zero replication login;"));
    }

    @Test
    void everyRuleSaysWhy() {
        List<RewriteRule> all = rules.rules();
        assertEquals(11, all.size());
        all.forEach(rule -> assertEquals(false, rule.why().isBlank(), rule.name()));
    }
}
