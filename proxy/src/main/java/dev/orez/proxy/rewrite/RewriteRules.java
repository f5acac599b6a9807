package dev.orez.proxy.rewrite;

import java.util.List;

/**
 * The one table of SQL rewrites that make a single-session PGlite answer like the Postgres that zero-cache,
 * pg_dump and drivers expect. Applied in order to the text of every Query and Parse message, on code only.
 */
public final class RewriteRules {
    /** The schema where replication keeps its own objects (slot table, helper functions). */
    public static final String INTERNAL_SCHEMA = "_orez";
    /** A statement that does nothing and completes with the tag {@code SET}. */
    public static final String NO_OP_SET = "SET orez.noop TO DEFAULT";

    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)";
    private static final String NOT_QUALIFIED = "(?<![\\w.$])(?:pg_catalog\\s*\\.\\s*)?";
    private static final String TRANSACTION_MODES =
            "((?:\\s*,?\\s*(?:ISOLATION\\s+LEVEL\\s+(?:SERIALIZABLE|REPEATABLE\\s+READ"
                    + "|READ\\s+COMMITTED|READ\\s+UNCOMMITTED)|READ\\s+ONLY|READ\\s+WRITE|(?:NOT\\s+)?DEFERRABLE))*)";

    private final List<RewriteRule> rules;

    private RewriteRules(List<RewriteRule> rules) {
        this.rules = rules;
    }

    /** The rules, with {@code version()} answering as Postgres {@code serverVersion} (e.g. "18.6"). */
    public static RewriteRules standard(String serverVersion) {
        String versionText =
                "PostgreSQL " + serverVersion + " on x86_64-pc-linux-gnu, compiled by gcc (GCC) 12.2.0, 64-bit";
        return new RewriteRules(List.of(
                RewriteRule.replacing(
                        "version",
                        "PGlite's version() names Emscripten, which pg_dump and drivers cannot parse",
                        NOT_QUALIFIED + "\\bversion\\s*\\(\\s*\\)",
                        "'" + versionText + "'::text"),
                RewriteRule.replacing(
                        "wal_level",
                        "zero-cache refuses an upstream whose wal_level is not logical; orez provides the replication",
                        NOT_QUALIFIED + "\\bcurrent_setting\\s*\\(\\s*'wal_level'\\s*(?:,\\s*(?:true|false)\\s*)?\\)",
                        "'logical'::text"),
                RewriteRule.replacing(
                        "show wal_level",
                        "the same answer to SHOW, which tools and the zero-cache harness ask",
                        "\\bSHOW\\s+wal_level\\b",
                        "SELECT 'logical'::text AS wal_level"),
                RewriteRule.of(
                        "set transaction snapshot",
                        "a snapshot exported by CREATE_REPLICATION_SLOT is orez's; importing checks it is still valid",
                        "\\bSET\\s+TRANSACTION\\s+SNAPSHOT\\s+('[^']*')",
                        match -> "DO $orez$BEGIN PERFORM " + INTERNAL_SCHEMA + ".import_snapshot(" + match.group(1)
                                + "); END$orez$"),
                RewriteRule.of(
                        "snapshot copy",
                        "a table copied under an imported snapshot tells replication where its copy stands, so the"
                                + " slot's stream neither repeats nor misses its rows",
                        "\\bCOPY\\s*\\(\\s*SELECT\\b((?s:.*?))\\bFROM\\s+(" + NAME + "\\s*\\.\\s*" + NAME
                                + ")(?=\\s*(?:WHERE\\b|\\)))",
                        match -> "COPY (SELECT" + match.group(1) + "FROM " + INTERNAL_SCHEMA + ".snapshot_rows(NULL::"
                                + match.group(2) + ")"),
                RewriteRule.of(
                        "transaction modes",
                        "transactions of different clients never interleave, so every one is serializable; READ ONLY"
                                + " would refuse the writes orez makes on the client's behalf (captured emit_message)",
                        "\\b(BEGIN(?:\\s+(?:WORK|TRANSACTION))?|START\\s+TRANSACTION|SET\\s+TRANSACTION"
                                + "|SET\\s+SESSION\\s+CHARACTERISTICS\\s+AS\\s+TRANSACTION)\\b" + TRANSACTION_MODES,
                        RewriteRules::withoutTransactionModes),
                RewriteRule.replacing(
                        "replication slots",
                        "the slots are orez's own, kept in a table",
                        "(?<![\\w.$])(?:pg_catalog\\s*\\.\\s*)?\\bpg_replication_slots\\b",
                        INTERNAL_SCHEMA + ".replication_slots"),
                RewriteRule.replacing(
                        "drop replication slot",
                        "the built-in errors on orez's slots and would abort zero-cache's migration transaction",
                        NOT_QUALIFIED + "\\bpg_drop_replication_slot\\s*\\(",
                        INTERNAL_SCHEMA + ".drop_replication_slot("),
                RewriteRule.replacing(
                        "terminate backend",
                        "a walsender is not an engine backend: orez's own function ends the replication connection",
                        NOT_QUALIFIED + "\\bpg_terminate_backend\\s*\\(",
                        INTERNAL_SCHEMA + ".terminate_backend("),
                RewriteRule.replacing(
                                "emit message",
                                "PGlite writes logical messages to WAL that nothing decodes; orez captures them into the stream,"
                                        + " also from the bodies of functions (zero-cache's DDL event triggers emit them)",
                                NOT_QUALIFIED + "\\bpg_logical_emit_message\\s*\\(",
                                INTERNAL_SCHEMA + ".emit_message(")
                        .alsoInBodies(),
                RewriteRule.replacing(
                        "alter role replication",
                        "the connecting user is not a role inside the engine, and replication needs no attribute here",
                        "\\bALTER\\s+(?:ROLE|USER)\\s+[^;]*?\\bREPLICATION\\b[^;]*",
                        "ALTER ROLE CURRENT_USER RESET orez.noop")));
    }

    /** BEGIN and START TRANSACTION keep their keyword; SET TRANSACTION left with no modes does nothing. */
    private static String withoutTransactionModes(java.util.regex.MatchResult match) {
        String statement = match.group(1);
        boolean hadModes = !match.group(2).isBlank();
        if (hadModes && statement.toUpperCase(java.util.Locale.ROOT).startsWith("SET")) {
            return NO_OP_SET;
        }
        return statement;
    }

    public String apply(String sql) {
        String result = sql;
        for (RewriteRule rule : rules) {
            result = rule.apply(result);
        }
        return result;
    }

    public List<RewriteRule> rules() {
        return rules;
    }
}
