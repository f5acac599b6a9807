package dev.orez.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.pglite.PgDump;
import dev.orez.pglite.PgDumpException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pg_dump (pglite-tools' wasm build, run in this JVM) reaching an engine through the proxy over TCP. */
class PgDumpOverTcpTest {
    private static final int ROWS = 20_000;

    private static PgDump pgDump(String password) {
        return PgDump.overTcp("127.0.0.1", Engines.proxy().port(), Engines.USER, password, "postgres");
    }

    @Test
    void dumpsATableThroughTheProxyWithItsPassword() throws Exception {
        try (Connection connection = Engines.connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS dumped_over_tcp");
            statement.execute("CREATE TABLE dumped_over_tcp (id int PRIMARY KEY, name text)");
            // Enough rows that the COPY arrives in many TCP reads, some of them partial messages.
            statement.execute("INSERT INTO dumped_over_tcp SELECT i, 'row ' || i || E'\\t!'"
                    + " FROM generate_series(1, " + ROWS + ") i");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        pgDump(Engines.PASSWORD).dump(List.of("--table=dumped_over_tcp"), out);

        String dump = out.toString(StandardCharsets.UTF_8);
        assertTrue(dump.contains("CREATE TABLE public.dumped_over_tcp (\n    id integer NOT NULL,\n"), dump);
        int copy = dump.indexOf("COPY public.dumped_over_tcp (id, name) FROM stdin;\n");
        assertTrue(copy >= 0, dump);
        String data = dump.substring(dump.indexOf('\n', copy) + 1, dump.indexOf("\\.\n", copy));
        List<String> lines = data.lines().toList();
        assertEquals(ROWS, lines.size());
        assertEquals("1\trow 1\\t!", lines.get(0));
        assertEquals(ROWS + "\trow " + ROWS + "\\t!", lines.get(ROWS - 1));
        assertTrue(dump.contains("ADD CONSTRAINT dumped_over_tcp_pkey PRIMARY KEY (id);"), dump);
    }

    @Test
    void aWrongPasswordFailsWithTheServersMessage() {
        PgDumpException failure = assertThrows(
                PgDumpException.class, () -> pgDump("wrong").dump(List.of(), OutputStream.nullOutputStream()));

        assertTrue(
                failure.getMessage().contains("password authentication failed for user \"user\""),
                failure.getMessage());
        assertEquals(1, failure.exitStatus());
    }

    @Test
    void noServerFailsToConnect() {
        PgDumpException failure = assertThrows(
                PgDumpException.class, () -> PgDump.overTcp("127.0.0.1", 1, Engines.USER, Engines.PASSWORD, "postgres")
                        .dump(List.of(), OutputStream.nullOutputStream()));

        assertTrue(failure.getMessage().startsWith("pg_dump cannot connect: "), failure.getMessage());
    }
}
