package dev.orez.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a database holds in the given schemas, as text that two servers of different versions agree on: every
 * table's rows (count and a digest independent of row order and collation), and the schema objects — columns,
 * constraints, indexes, functions, triggers, views, sequences' positions, enum labels, comments. Objects of
 * extensions and orez's own triggers are left out: they are not the user's. So are PostgreSQL 18's NOT NULL
 * entries in pg_constraint (PGlite is 18, Debian's server may be older): the columns' nullability covers them.
 */
final class DatabaseFingerprint {
    private static final String IN_SCHEMAS = " = ANY (string_to_array(?, ','))";

    private DatabaseFingerprint() {}

    /** Fails naming only the parts that differ, each with both sides. */
    static void assertSame(Map<String, List<String>> expected, Map<String, List<String>> actual, String when) {
        StringBuilder differences = new StringBuilder();
        Set<String> keys = new LinkedHashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (!Objects.equals(expected.get(key), actual.get(key))) {
                differences
                        .append("\n")
                        .append(key)
                        .append(":\n  expected ")
                        .append(expected.get(key))
                        .append("\n  but was  ")
                        .append(actual.get(key));
            }
        }
        if (differences.length() > 0) {
            throw new AssertionError(when + ", the database differs from the source:" + differences);
        }
    }

    static Map<String, List<String>> of(Connection connection, List<String> schemas) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        }
        String schemaList = String.join(",", schemas);
        Map<String, List<String>> fingerprint = new LinkedHashMap<>();
        List<String> tables = rows(
                connection,
                "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables"
                        + " WHERE table_type = 'BASE TABLE' AND table_schema" + IN_SCHEMAS + " ORDER BY 1",
                schemaList);
        fingerprint.put("tables", tables);
        for (String table : tables) {
            fingerprint.put(
                    "rows of " + table,
                    rows(
                            connection,
                            "SELECT count(*) || ' rows, digest ' || coalesce(md5(string_agg(md5(t::text), ''"
                                    + " ORDER BY md5(t::text))), '-') FROM " + table + " t"));
        }
        fingerprint.put(
                "columns",
                rows(
                        connection,
                        "SELECT table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' '"
                                + " || udt_name || ' null:' || is_nullable || ' default:' || coalesce(column_default,"
                                + " '-') FROM information_schema.columns WHERE table_schema" + IN_SCHEMAS
                                + " ORDER BY 1",
                        schemaList));
        fingerprint.put(
                "constraints",
                rows(
                        connection,
                        "SELECT n.nspname || '.' || conrelid::regclass || ' ' || conname || ' ' ||"
                                + " pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON"
                                + " n.oid = c.connamespace WHERE c.contype <> 'n' AND n.nspname" + IN_SCHEMAS
                                + " ORDER BY 1",
                        schemaList));
        fingerprint.put(
                "indexes",
                rows(
                        connection,
                        "SELECT indexdef FROM pg_indexes WHERE schemaname" + IN_SCHEMAS + " ORDER BY 1",
                        schemaList));
        fingerprint.put(
                "functions",
                rows(
                        connection,
                        "SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid)"
                                + " || ') ' || p.prokind::text || ' returns ' || pg_get_function_result(p.oid) FROM"
                                + " pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname"
                                + IN_SCHEMAS + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid ="
                                + " 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') ORDER BY 1",
                        schemaList));
        fingerprint.put(
                "triggers",
                rows(
                        connection,
                        "SELECT tgrelid::regclass || ' ' || tgname || ' ' || tgtype FROM pg_trigger t JOIN pg_class"
                                + " c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT"
                                + " tgisinternal AND tgname NOT LIKE '\\_orez\\_%' AND n.nspname" + IN_SCHEMAS
                                + " ORDER BY 1",
                        schemaList));
        fingerprint.put(
                "views",
                rows(
                        connection,
                        "SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text FROM pg_class c JOIN pg_namespace n"
                                + " ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND n.nspname"
                                + IN_SCHEMAS + " ORDER BY 1",
                        schemaList));
        fingerprint.put(
                "sequences",
                rows(
                        connection,
                        "SELECT schemaname || '.' || sequencename || ' at ' || coalesce(last_value::text, 'start')"
                                + " || ' by ' || increment_by FROM pg_sequences WHERE schemaname" + IN_SCHEMAS
                                + " ORDER BY 1",
                        schemaList));
        fingerprint.put(
                "enums",
                rows(
                        connection,
                        "SELECT t.typname || ': ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM"
                                + " pg_enum e JOIN pg_type t ON t.oid = e.enumtypid GROUP BY t.typname ORDER BY 1"));
        fingerprint.put(
                "comments",
                rows(
                        connection,
                        "SELECT c.relname || ': ' || obj_description(c.oid, 'pg_class') FROM pg_class c JOIN"
                                + " pg_namespace n ON n.oid = c.relnamespace WHERE obj_description(c.oid,"
                                + " 'pg_class') IS NOT NULL AND n.nspname" + IN_SCHEMAS + " ORDER BY 1",
                        schemaList));
        return fingerprint;
    }

    private static List<String> rows(Connection connection, String sql, String... parameters) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    rows.add(result.getString(1));
                }
                if (meta.getColumnCount() != 1) {
                    throw new IllegalArgumentException("one column expected: " + sql);
                }
            }
            return rows;
        }
    }
}
