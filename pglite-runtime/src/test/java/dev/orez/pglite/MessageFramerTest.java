package dev.orez.pglite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageFramerTest {
    private static final byte[] STARTUP = Frontend.startup("postgres", "postgres");
    private static final byte[] QUERY = Frontend.query("SELECT 1");

    @Test
    void cutsTheStartupPacketAndTypedMessagesAtTheirBoundaries() {
        MessageFramer framer = new MessageFramer();
        framer.append(concat(STARTUP, QUERY, QUERY));

        assertArrayEquals(STARTUP, framer.next());
        assertArrayEquals(QUERY, framer.next());
        assertArrayEquals(QUERY, framer.next());
        assertNull(framer.next());
    }

    @Test
    void holdsAMessageBackUntilItsLastByteArrives() {
        MessageFramer framer = new MessageFramer();
        framer.append(STARTUP);
        framer.next();
        byte[] queries = concat(QUERY, QUERY);
        int split = QUERY.length + 3; // inside the second message's length field

        framer.append(Arrays.copyOfRange(queries, 0, split));
        assertArrayEquals(QUERY, framer.next());
        assertNull(framer.next());
        framer.append(Arrays.copyOfRange(queries, split, queries.length));
        assertArrayEquals(QUERY, framer.next());
    }

    @Test
    void keepsMessagesLargerThanItsBuffer() {
        MessageFramer framer = new MessageFramer();
        framer.append(STARTUP);
        framer.next();
        byte[] large = Frontend.query("SELECT '" + "x".repeat(100_000) + "'");

        for (int at = 0; at < large.length; at += 7_000) {
            framer.append(Arrays.copyOfRange(large, at, Math.min(large.length, at + 7_000)));
        }

        assertArrayEquals(large, framer.next());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
