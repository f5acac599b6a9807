package dev.orez.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebAssembly build against sqlite-jdbc's native SQLite: the same statements on two database files must give the
 * same rows. Only features both builds have are compared; the bedrock-only ones are checked on the WebAssembly side.
 */
class DifferentialTest {
    @TempDir
    Path directory;

    private WasmSqlite wasm;
    private Connection jdbc;

    @BeforeEach
    void open() throws SQLException {
        wasm = WasmSqlite.open(directory.resolve("wasm.db"));
        jdbc = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("jdbc.db"));
    }

    @AfterEach
    void close() throws SQLException {
        wasm.close();
        jdbc.close();
    }

    private void both(String... statements) throws SQLException {
        for (String sql : statements) {
            wasm.exec(sql);
            try (Statement statement = jdbc.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    private void insertBoth(String sql, Object... parameters) throws SQLException {
        assertEquals(List.of(), Rows.of(wasm, sql, parameters));
        assertEquals(List.of(), Rows.of(jdbc, sql, parameters));
    }

    private List<List<Object>> same(String sql, Object... parameters) throws SQLException {
        List<List<Object>> expected = Rows.of(jdbc, sql, parameters);
        assertEquals(expected, Rows.of(wasm, sql, parameters), sql);
        return expected;
    }

    @Test
    void everyStorageClassRoundTrips() throws SQLException {
        both("CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB, n)");
        byte[] large = new byte[200_000];
        new Random(8).nextBytes(large);
        Object[][] rows = {
            {Long.MAX_VALUE, 1.5, "plain", new byte[] {0, 1, 2, (byte) 0xff}, null},
            {Long.MIN_VALUE, -0.25, "grüße, 日本語, 🚀, \u0000 after NUL", large, 7L},
            {(1L << 53) + 1, 1e308, "", new byte[0], 2.5},
            {-1L, Double.MIN_VALUE, "x".repeat(100_000), new byte[] {42}, "text in an untyped column"},
            {null, null, null, null, null},
        };
        for (Object[] row : rows) {
            insertBoth("INSERT INTO t (i, r, s, b, n) VALUES (?, ?, ?, ?, ?)", row);
        }
        same("SELECT id, i, r, s, n FROM t ORDER BY id");
        same("SELECT typeof(i), typeof(r), typeof(s), typeof(b), typeof(n), length(s), length(b), hex(b) FROM t");
        same("SELECT b FROM t WHERE length(b) > 0");
    }

    @Test
    void aggregatesAndJoins() throws SQLException {
        both(
                "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT)",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER REFERENCES customer(id), total REAL)",
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 50)"
                        + " INSERT INTO customer SELECT x, 'customer ' || x, CASE x % 3 WHEN 0 THEN 'NZ' WHEN 1"
                        + " THEN 'DE' ELSE NULL END FROM n",
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 500)"
                        + " INSERT INTO orders SELECT x, x % 45 + 1, (x * 37 % 1000) / 10.0 FROM n");
        same("SELECT country, count(*), sum(total), avg(total), min(total), max(total), total(total)"
                + " FROM customer c JOIN orders o ON o.customer = c.id GROUP BY country ORDER BY country");
        same("SELECT c.id, count(o.id), group_concat(o.id, ',') FROM customer c LEFT JOIN orders o"
                + " ON o.customer = c.id GROUP BY c.id HAVING count(o.id) < 12 ORDER BY c.id");
        same("SELECT name FROM customer WHERE id IN (SELECT customer FROM orders WHERE total > 99) ORDER BY 1");
    }

    @Test
    void jsonFunctions() throws SQLException {
        both("CREATE TABLE doc (id INTEGER PRIMARY KEY, body TEXT)");
        insertBoth("INSERT INTO doc (body) VALUES (?)", "{\"a\":1,\"b\":[1,2.5,\"drei\"],\"c\":{\"d\":null}}");
        same("SELECT json_extract(body, '$.a'), json_extract(body, '$.b[2]'), json_type(body, '$.c.d'),"
                + " json_array_length(body, '$.b'), json_set(body, '$.e', 'ü') FROM doc");
        same("SELECT key, value, type FROM doc, json_each(doc.body, '$.b') ORDER BY key");
        same(
                "SELECT json_group_array(x), json_object('k', 1, 'v', json('[true]')) FROM (SELECT 1 AS x UNION SELECT 2)");
    }

    @Test
    void rollbackUndoesTheTransaction() throws SQLException {
        both(
                "CREATE TABLE t (x INTEGER)",
                "INSERT INTO t VALUES (1)",
                "BEGIN",
                "INSERT INTO t VALUES (2)",
                "UPDATE t SET x = x * 10");
        assertFalse(wasm.autocommit());
        same("SELECT x FROM t ORDER BY x");
        both("ROLLBACK");
        assertTrue(wasm.autocommit());
        assertEquals(List.of(List.of(1L)), same("SELECT x FROM t"));
    }

    @Test
    void constraintViolationsFailAlike() throws SQLException {
        both("CREATE TABLE t (x TEXT UNIQUE)", "INSERT INTO t VALUES ('a')");
        SqliteException failure = assertThrows(SqliteException.class, () -> wasm.exec("INSERT INTO t VALUES ('a')"));
        assertEquals(2067, failure.code(), "SQLITE_CONSTRAINT_UNIQUE");
        assertThrows(SQLException.class, () -> jdbc.createStatement().execute("INSERT INTO t VALUES ('a')"));
    }

    @Test
    void walDatabaseSurvivesReopening() throws SQLException {
        assertEquals(List.of(List.of("wal")), Rows.of(wasm, "PRAGMA journal_mode=WAL"));
        assertEquals(List.of(List.of("wal")), Rows.of(jdbc, "PRAGMA journal_mode=WAL"));
        both("CREATE TABLE t (x TEXT)", "INSERT INTO t VALUES ('before reopen')");
        close();
        open();
        assertEquals(List.of(List.of("wal")), same("PRAGMA journal_mode"));
        assertEquals(List.of(List.of("before reopen")), same("SELECT x FROM t"));
    }

    @Test
    void beginConcurrentIsBedrockOnly() throws SQLException {
        both("CREATE TABLE t (x INTEGER)");
        assertEquals(List.of(List.of("wal")), Rows.of(wasm, "PRAGMA journal_mode=WAL"));
        wasm.exec("BEGIN CONCURRENT");
        wasm.exec("INSERT INTO t VALUES (1)");
        assertFalse(wasm.autocommit());
        wasm.exec("COMMIT");
        assertEquals(List.of(List.of(1L)), Rows.of(wasm, "SELECT x FROM t"));
        assertThrows(SQLException.class, () -> jdbc.createStatement().execute("BEGIN CONCURRENT"));
    }

    @Test
    void wal2IsBedrockOnly() throws SQLException {
        assertEquals(List.of(List.of("wal2")), Rows.of(wasm, "PRAGMA journal_mode=wal2"));
        wasm.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (2)");
        assertEquals(List.of(List.of(2L)), Rows.of(wasm, "SELECT x FROM t"));
        assertEquals(List.of(List.of("delete")), Rows.of(jdbc, "PRAGMA journal_mode=wal2"));
    }
}
