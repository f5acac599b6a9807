package dev.orez.pglite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** COPY FROM STDIN over a {@link ProtocolStream}: the backend asks for the client's data as it needs it. */
class CopyFromClientTest extends OneEngineTest {
    @BeforeAll
    void createTable() {
        pg.execProtocolRaw(Frontend.query("CREATE TABLE copied (id int, name text)"));
    }

    /** A client that answers each request for input with its next prepared message. */
    private static final class ScriptedClient implements ProtocolStream {
        final Deque<byte[]> script = new ArrayDeque<>();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        String typesWhenFirstAsked;

        @Override
        public void send(byte[] output) {
            received.writeBytes(output);
        }

        @Override
        public byte[] receive() {
            if (typesWhenFirstAsked == null) {
                typesWhenFirstAsked = new Replies(received.toByteArray()).types();
            }
            return script.poll();
        }
    }

    private static byte[] frame(char type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        int length = bytes.length + 4;
        out.writeBytes(
                new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private Replies copyIn(ScriptedClient client) throws Exception {
        byte[] rest = pg.execProtocol(Frontend.query("COPY copied FROM STDIN"), client)
                .get(60, TimeUnit.SECONDS);
        client.received.writeBytes(rest);
        return new Replies(client.received.toByteArray());
    }

    @Test
    void rowsArriveInSeveralMessagesAfterCopyInResponse() throws Exception {
        ScriptedClient client = new ScriptedClient();
        for (int chunk = 0; chunk < 10; chunk++) {
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                int id = chunk * 1000 + i;
                rows.append(id).append("\trow ").append(id).append('\n');
            }
            client.script.add(frame('d', rows.toString()));
        }
        client.script.add(frame('c', ""));

        Replies replies = copyIn(client);
        assertEquals("G", client.typesWhenFirstAsked); // the client is asked only after CopyInResponse
        assertEquals(List.of("COPY 10000"), replies.commandTags());
        assertEquals('I', replies.readyStatus());
        Replies check = new Replies(pg.execProtocolRaw(Frontend.query("SELECT count(*), sum(id) FROM copied")));
        assertEquals(List.of(List.of("10000", "49995000")), check.rows());
    }

    @Test
    void copyFailFromTheClientRollsBackTheCopyAndKeepsTheSession() throws Exception {
        long before =
                Long.parseLong(new Replies(pg.execProtocolRaw(Frontend.query("SELECT count(*) FROM copied"))).single());
        ScriptedClient client = new ScriptedClient();
        client.script.add(frame('d', "1\tdoomed\n"));
        client.script.add(frame('f', "client gave up\0"));

        Replies replies = copyIn(client);
        assertEquals("57014", replies.errors().get(0).get('C'));
        assertTrue(
                replies.errors().get(0).get('M').contains("client gave up"),
                replies.errors().toString());
        assertEquals('I', replies.readyStatus());
        assertEquals(
                String.valueOf(before),
                new Replies(pg.execProtocolRaw(Frontend.query("SELECT count(*) FROM copied"))).single());
    }
}
