package dev.orez.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** COPY through the proxy with pgjdbc's CopyManager: 200,000 rows in, text and binary out, connection reused. */
class CopyTest {
    private static final int ROWS = 200_000;

    @Test
    void twoHundredThousandRowsInAndOut() throws Exception {
        try (Connection connection = Engines.connect()) {
            connection.createStatement().execute("DROP TABLE IF EXISTS jdbc_copied");
            connection.createStatement().execute("CREATE TABLE jdbc_copied (id int, name text)");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();

            long copiedIn = copy.copyIn("COPY jdbc_copied FROM STDIN", rows());
            assertEquals(ROWS, copiedIn);

            ByteArrayOutputStream text = new ByteArrayOutputStream();
            assertEquals(ROWS, copy.copyOut("COPY jdbc_copied TO STDOUT", text));
            assertEquals(ROWS, text.toString().lines().count());

            ByteArrayOutputStream binary = new ByteArrayOutputStream();
            assertEquals(
                    ROWS,
                    copy.copyOut("COPY (SELECT * FROM jdbc_copied ORDER BY id) TO STDOUT (FORMAT binary)", binary));
            assertTrue(new String(binary.toByteArray(), 0, 11, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .startsWith("PGCOPY\n\u00ff\r\n"));

            try (ResultSet sum =
                    connection.createStatement().executeQuery("SELECT count(*), sum(id) FROM jdbc_copied")) {
                sum.next();
                assertEquals(ROWS, sum.getLong(1));
                assertEquals((long) ROWS * (ROWS - 1) / 2, sum.getLong(2));
            }
        }
    }

    @Test
    void aFailingCopyLeavesTheConnectionUsable() throws Exception {
        try (Connection connection = Engines.connect()) {
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS jdbc_strict (id int)");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    java.sql.SQLException.class,
                    () -> copy.copyIn("COPY jdbc_strict FROM STDIN", new StringReader("1\nnot a number\n")));
            assertEquals("22P02", refused.getSQLState());
            try (ResultSet one = connection.createStatement().executeQuery("SELECT 1")) {
                one.next();
                assertEquals(1, one.getInt(1));
            }
        }
    }

    private static Reader rows() {
        StringBuilder rows = new StringBuilder(ROWS * 16);
        for (int i = 0; i < ROWS; i++) {
            rows.append(i).append("\tname ").append(i).append('\n');
        }
        return new StringReader(rows.toString());
    }
}
