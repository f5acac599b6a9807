package dev.orez.pglite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * pg_dump connected to an engine in this JVM: libpq's bytes are cut into whole messages and run on the engine,
 * whose output streams back through a bounded pipe. The engine's session is shared with whoever opened it, so
 * pg_dump's Terminate is never passed on (it would end that session), and closing puts the session back the way
 * other users expect it: no transaction, no prepared statements, default settings, a plain startup.
 */
final class EngineLink implements ServerLink {
    /** Enough for several of the engine's 1 MiB streamed chunks, so reading and producing overlap. */
    private static final int REPLY_CAPACITY = 4 << 20;

    private static final int PROTOCOL_3 = 196608;
    private static final byte TRANSACTION_IDLE = 'I';

    private final PGlite engine;
    private final String user;
    private final String database;
    private final MessageFramer framer = new MessageFramer();
    private final ReplyPipe replies = new ReplyPipe(REPLY_CAPACITY);

    EngineLink(PGlite engine, String user, String database) {
        this.engine = engine;
        this.user = user;
        this.database = database;
    }

    @Override
    public int readAvailable(byte[] buffer, int max) {
        return replies.take(buffer, max, false);
    }

    /** A 0 here means no call will answer any more; when one failed, pg_dump's error should say why. */
    @Override
    public int readWaiting(byte[] buffer, int max) throws IOException {
        int n = replies.take(buffer, max, true);
        Throwable failure = replies.failure();
        if (n == 0 && failure != null) {
            throw new IOException("the engine failed: " + failure.getMessage(), failure);
        }
        return n;
    }

    /** The startup packet goes alone; typed messages go in one call, as many as are complete. */
    @Override
    public void write(byte[] bytes) {
        framer.append(bytes);
        ByteArrayOutputStream typed = new ByteArrayOutputStream();
        for (byte[] message = framer.next(); message != null; message = framer.next()) {
            if (message[0] == 0) {
                submit(message); // a startup packet: its length's high byte; no message type is 0
            } else if (message[0] != 'X') {
                typed.writeBytes(message);
            }
        }
        if (typed.size() > 0) {
            submit(typed.toByteArray());
        }
    }

    /**
     * Calls run on the engine thread in submission order; each one's unstreamed rest is added when it completes,
     * which happens on the engine thread before the next call starts, so output stays in order.
     */
    private void submit(byte[] messages) {
        replies.callStarted();
        engine.execProtocol(messages, replies).whenComplete(replies::callFinished);
    }

    @Override
    public void shutdown() {
        replies.close();
    }

    /**
     * Rolls back the transaction pg_dump leaves open (it never commits, a disconnect ends it), drops its prepared
     * statements and session settings, and replaces its startup packet (which the engine replays after a FATAL)
     * with a plain one.
     */
    @Override
    public void close() {
        replies.close();
        if (transactionStatus(engine.execProtocolRaw(message('S', new byte[0]))) != TRANSACTION_IDLE) {
            engine.execProtocolRaw(query("ROLLBACK"));
        }
        engine.execProtocolRaw(query("DEALLOCATE ALL; RESET ALL"));
        engine.execProtocolRaw(startup());
    }

    /** The status byte of the last ReadyForQuery in {@code output}, or 0 when there is none. */
    private static byte transactionStatus(byte[] output) {
        byte status = 0;
        int at = 0;
        while (at + 5 <= output.length) {
            int length = readInt(output, at + 1);
            if (output[at] == 'Z' && length == 5 && at + 6 <= output.length) {
                status = output[at + 5];
            }
            at += 1 + length;
        }
        return status;
    }

    private byte[] startup() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInt(body, PROTOCOL_3);
        for (String field : new String[] {"user", user, "database", database}) {
            writeCString(body, field);
        }
        body.write(0);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        writeInt(packet, body.size() + 4);
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    private static byte[] query(String sql) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeCString(body, sql);
        return message('Q', body.toByteArray());
    }

    private static byte[] message(char type, byte[] body) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(type);
        writeInt(message, body.length + 4);
        message.writeBytes(body);
        return message.toByteArray();
    }

    private static void writeCString(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24
                | (bytes[at + 1] & 0xff) << 16
                | (bytes[at + 2] & 0xff) << 8
                | (bytes[at + 3] & 0xff);
    }
}
