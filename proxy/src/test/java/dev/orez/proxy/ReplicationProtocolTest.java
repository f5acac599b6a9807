package dev.orez.proxy;

import static dev.orez.proxy.TestSql.run;
import static dev.orez.proxy.TestSql.single;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.replication.LogSequenceNumber;

/**
 * Replication-protocol conversations byte by byte, as a walsender's clients hold them: what each command answers,
 * exactly, and that errors leave the connection usable.
 */
class ReplicationProtocolTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void identifySystemDescribesTheServer() throws Exception {
        try (Wire wire = Wire.replication();
                Connection sql = Engines.connect()) {
            List<Reply> replies = wire.query("IDENTIFY_SYSTEM");
            assertEquals("TDCZ", types(replies));
            assertEquals(
                    List.of(
                            new Field("systemid", 25), new Field("timeline", 23),
                            new Field("xlogpos", 25), new Field("dbname", 25)),
                    replies.get(0).fields());
            List<String> row = replies.get(1).values();
            assertEquals(single(sql, "SELECT system_identifier::text FROM pg_control_system()"), row.get(0));
            assertEquals("1", row.get(1));
            assertTrue(row.get(2).matches("[0-9A-F]+/[0-9A-F]+"), "an LSN: " + row.get(2));
            assertEquals("postgres", row.get(3));
            assertEquals("IDENTIFY_SYSTEM", replies.get(2).tag());
            assertEquals('I', replies.get(3).status());
        }
    }

    @Test
    void slotsAreCreatedOnceAndDropped() throws Exception {
        try (Wire wire = Wire.replication();
                Connection sql = Engines.connect()) {
            List<Reply> created = wire.query("CREATE_REPLICATION_SLOT rp_slot LOGICAL pgoutput");
            assertEquals("TDCZ", types(created));
            assertEquals(
                    List.of(
                            new Field("slot_name", 25), new Field("consistent_point", 25),
                            new Field("snapshot_name", 25), new Field("output_plugin", 25)),
                    created.get(0).fields());
            List<String> row = created.get(1).values();
            assertEquals("rp_slot", row.get(0));
            assertTrue(row.get(1).matches("[0-9A-F]+/[0-9A-F]+"), "an LSN: " + row.get(1));
            assertNotNull(row.get(2), "a snapshot is exported");
            assertEquals("pgoutput", row.get(3));
            assertEquals("CREATE_REPLICATION_SLOT", created.get(2).tag());

            assertError("42710", wire.query("CREATE_REPLICATION_SLOT rp_slot LOGICAL pgoutput"));
            assertError("0A000", wire.query("CREATE_REPLICATION_SLOT rp_other LOGICAL test_decoding"));
            assertError("0A000", wire.query("CREATE_REPLICATION_SLOT rp_other PHYSICAL"));
            awaitSingle(
                    sql,
                    "SELECT string_agg(slot_name, ',') FROM pg_replication_slots"
                            + " WHERE slot_name IN ('rp_slot', 'rp_other')",
                    "rp_slot");

            List<Reply> dropped = wire.query("DROP_REPLICATION_SLOT rp_slot");
            assertEquals("CZ", types(dropped));
            assertEquals("DROP_REPLICATION_SLOT", dropped.get(0).tag());
            assertEquals('I', dropped.get(1).status());
            assertEquals("0", single(sql, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'rp_slot'"));
            assertError("42704", wire.query("DROP_REPLICATION_SLOT rp_slot"));
        } finally {
            ReplicationConnections.dropSlot(true, "rp_slot");
        }
    }

    /** Postgres drops a temporary slot when its session ends, whether or not it ever streamed. */
    @Test
    void aTemporarySlotEndsWithItsConnection() throws Exception {
        try (Connection sql = Engines.connect()) {
            try (Wire wire = Wire.replication()) {
                assertEquals(
                        "TDCZ", types(wire.query("CREATE_REPLICATION_SLOT rp_temporary TEMPORARY LOGICAL pgoutput")));
                awaitSingle(sql, "SELECT temporary FROM pg_replication_slots WHERE slot_name = 'rp_temporary'", "t");
            }
            awaitSingle(sql, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'rp_temporary'", "0");
        } finally {
            ReplicationConnections.dropSlot(true, "rp_temporary");
        }
    }

    @Test
    void startingAnUnknownSlotFailsAndTheConnectionGoesOn() throws Exception {
        try (Wire wire = Wire.replication()) {
            assertError("42704", wire.query(startReplication("rp_nowhere", "rp_nothing")));
            assertEquals("TDCZ", types(wire.query("IDENTIFY_SYSTEM")));
        }
    }

    @Test
    void aSlotStreamsToOneConnectionAtATime() throws Exception {
        try (Wire first = Wire.replication();
                Wire second = Wire.replication();
                Connection sql = Engines.connect()) {
            run(sql, "CREATE TABLE rp_busy (id int PRIMARY KEY)");
            run(sql, "CREATE PUBLICATION rp_busy_pub FOR TABLE rp_busy");
            assertEquals("TDCZ", types(first.query("CREATE_REPLICATION_SLOT rp_busy_slot LOGICAL pgoutput")));
            first.send('Q', queryBody(startReplication("rp_busy_slot", "rp_busy_pub")));
            Reply copyBoth = first.read();
            assertEquals('W', copyBoth.type());
            assertArrayEquals(new byte[] {0, 0, 0}, copyBoth.body(), "text format, no columns");
            awaitSingle(
                    sql,
                    "SELECT active_pid FROM pg_replication_slots WHERE slot_name = 'rp_busy_slot'",
                    String.valueOf(first.processId));

            assertError("55006", second.query(startReplication("rp_busy_slot", "rp_busy_pub")));
            assertError("55006", second.query("DROP_REPLICATION_SLOT rp_busy_slot"));

            run(sql, "INSERT INTO rp_busy VALUES (1)");
            assertEquals('B', (char) first.nextXLogData().payload()[0], "the stream carries the committed insert");

            first.send('c', new byte[0]);
            List<Reply> ended = first.readUntilReady('d');
            assertEquals("cCZ", types(ended), "CopyDone, then START_REPLICATION completes");
            assertEquals("START_REPLICATION", ended.get(1).tag());
            assertEquals("CZ", types(second.query("DROP_REPLICATION_SLOT rp_busy_slot")));
        } finally {
            ReplicationConnections.dropSlot(true, "rp_busy_slot");
        }
    }

    /** XLogData: the frame starts at its change's LSN, and the end of WAL it reports is never before that. */
    @Test
    void xLogDataFramesCarryTheirLsnAndTheEndOfWal() throws Exception {
        try (Wire wire = Wire.replication();
                Connection sql = Engines.connect()) {
            run(sql, "CREATE TABLE rp_frames (id int PRIMARY KEY)");
            run(sql, "CREATE PUBLICATION rp_frames_pub FOR TABLE rp_frames");
            assertEquals("TDCZ", types(wire.query("CREATE_REPLICATION_SLOT rp_frames_slot LOGICAL pgoutput")));
            wire.send('Q', queryBody(startReplication("rp_frames_slot", "rp_frames_pub")));
            assertEquals('W', wire.read().type());
            run(sql, "INSERT INTO rp_frames VALUES (1), (2)");

            List<XLogData> frames = new ArrayList<>();
            List<PgOutputDecoder.Decoded> messages = new ArrayList<>();
            do {
                frames.add(wire.nextXLogData());
                messages.add(
                        PgOutputDecoder.decode(frames.get(frames.size() - 1).payload()));
            } while (!(messages.get(messages.size() - 1) instanceof PgOutputDecoder.Commit));
            assertEquals(
                    List.of(
                            PgOutputDecoder.Begin.class,
                            PgOutputDecoder.Relation.class,
                            PgOutputDecoder.Insert.class,
                            PgOutputDecoder.Insert.class,
                            PgOutputDecoder.Commit.class),
                    messages.stream().map(Object::getClass).toList());
            long commitLsn = ((PgOutputDecoder.Commit) messages.get(4)).commitLsn();
            assertEquals(frames.get(2).walStart(), frames.get(0).walStart(), "Begin at the first change");
            assertEquals(frames.get(2).walStart(), frames.get(1).walStart(), "Relation at the change it describes");
            assertTrue(frames.get(2).walStart() < frames.get(3).walStart());
            assertEquals(commitLsn, frames.get(3).walStart(), "the commit is at the last change");
            assertEquals(commitLsn, frames.get(4).walStart());
            for (XLogData frame : frames) {
                assertTrue(
                        Long.compareUnsigned(frame.walEnd(), frame.walStart()) >= 0,
                        "walEnd " + lsn(frame.walEnd()) + " is before walStart " + lsn(frame.walStart()));
            }

            wire.send('c', new byte[0]);
            assertEquals("cCZ", types(wire.readUntilReady('d')));
        } finally {
            ReplicationConnections.dropSlot(true, "rp_frames_slot");
        }
    }

    @Test
    void setIsAnsweredWithoutWaitingForTheEngine() throws Exception {
        try (Wire wire = Wire.replication();
                Connection sql = Engines.connect()) {
            run(sql, "BEGIN");
            run(sql, "SELECT 1"); // this connection now holds the engine until it commits
            try {
                wire.socket.setSoTimeout(2000); // well within the idle-in-transaction timeout
                List<Reply> replies = wire.query("SET application_name = 'rp_set'");
                assertEquals("CZ", types(replies));
                assertEquals("SET", replies.get(0).tag());
                assertEquals('I', replies.get(1).status());
            } finally {
                run(sql, "COMMIT");
            }
        }
    }

    @Test
    void otherSqlRunsAsOnARegularConnection() throws Exception {
        try (Wire wire = Wire.replication()) {
            List<Reply> replies = wire.query("SELECT 40 + 2 AS answer");
            assertEquals("TDCZ", types(replies));
            assertEquals("answer", replies.get(0).fields().get(0).name());
            assertEquals(List.of("42"), replies.get(1).values());
            assertEquals("SELECT 1", replies.get(2).tag());
        }
    }

    @Test
    void anUnexpectedMessageIsRefusedAndTheConnectionGoesOn() throws Exception {
        try (Wire wire = Wire.replication()) {
            wire.send('P', concat(cstring(""), cstring("SELECT 1"), new byte[] {0, 0}));
            List<Reply> replies = wire.readUntilReady();
            assertEquals("EZ", types(replies));
            assertEquals("ERROR", replies.get(0).errorFields().get('S'));
            assertEquals("08P01", replies.get(0).errorFields().get('C'));
            assertEquals('I', replies.get(1).status());
            assertEquals("TDCZ", types(wire.query("IDENTIFY_SYSTEM")));
        }
    }

    @Test
    void terminatingTheActiveStreamEndsItAndFreesTheSlot() throws Exception {
        try (Connection sql = Engines.connect()) {
            run(sql, "CREATE TABLE rp_terminated (id int PRIMARY KEY)");
            run(sql, "CREATE PUBLICATION rp_terminated_pub FOR TABLE rp_terminated");
            try (Wire streaming = Wire.replication()) {
                assertEquals(
                        "TDCZ", types(streaming.query("CREATE_REPLICATION_SLOT rp_terminated_slot LOGICAL pgoutput")));
                streaming.send('Q', queryBody(startReplication("rp_terminated_slot", "rp_terminated_pub")));
                assertEquals('W', streaming.read().type());
                awaitSingle(
                        sql,
                        "SELECT active_pid FROM pg_replication_slots WHERE slot_name = 'rp_terminated_slot'",
                        String.valueOf(streaming.processId));

                assertEquals(
                        "t",
                        single(
                                sql,
                                "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots"
                                        + " WHERE slot_name = 'rp_terminated_slot'"));
                Reply fatal = streaming.readSkipping('d');
                assertEquals('E', fatal.type());
                assertEquals("FATAL", fatal.errorFields().get('S'));
                assertEquals("57P01", fatal.errorFields().get('C'));
                assertThrows(EOFException.class, streaming::read, "the connection is closed after the FATAL");
            }
            awaitSingle(sql, "SELECT active FROM pg_replication_slots WHERE slot_name = 'rp_terminated_slot'", "f");

            try (Wire again = Wire.replication()) {
                again.send('Q', queryBody(startReplication("rp_terminated_slot", "rp_terminated_pub")));
                assertEquals('W', again.read().type(), "the slot streams again");
                run(sql, "INSERT INTO rp_terminated VALUES (1)");
                assertEquals('B', (char) again.nextXLogData().payload()[0]);
                again.send('c', new byte[0]);
                assertEquals("cCZ", types(again.readUntilReady('d')));
                assertEquals("CZ", types(again.query("DROP_REPLICATION_SLOT rp_terminated_slot")));
            }
        } finally {
            ReplicationConnections.dropSlot(true, "rp_terminated_slot");
        }
    }

    /**
     * As zero-cache's initial sync does it: the slot's snapshot is imported on another connection right after
     * CREATE_REPLICATION_SLOT answered, and no longer once the exporter sent its next command.
     */
    @Test
    void anExportedSnapshotIsImportableOnlyWhileItsExporterIsIdle() throws Exception {
        try (Wire exporter = Wire.replication();
                Connection sql = Engines.connect()) {
            List<Reply> created = exporter.query("CREATE_REPLICATION_SLOT rp_snapshot_slot LOGICAL pgoutput");
            assertEquals("TDCZ", types(created));
            String snapshot = created.get(1).values().get(2);

            assertNull(importSnapshot(sql, snapshot), "importable while the exporter is idle");
            assertNull(importSnapshot(sql, snapshot), "and as often as needed");

            assertEquals("TDCZ", types(exporter.query("SELECT 1")));
            assertEquals("22023", importSnapshot(sql, snapshot), "the exporter's next command ended the export");
        } finally {
            ReplicationConnections.dropSlot(true, "rp_snapshot_slot");
        }
    }

    @Test
    void anExportedSnapshotEndsWithItsExportersConnection() throws Exception {
        try (Connection sql = Engines.connect()) {
            String snapshot;
            try (Wire exporter = Wire.replication()) {
                List<Reply> created = exporter.query("CREATE_REPLICATION_SLOT rp_closed_slot LOGICAL pgoutput");
                snapshot = created.get(1).values().get(2);
                awaitSingle(sql, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'rp_closed_slot'", "1");
                assertNull(importSnapshot(sql, snapshot), "importable while the exporter is open");
            }
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            String state = importSnapshot(sql, snapshot);
            while (!"22023".equals(state) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                state = importSnapshot(sql, snapshot);
            }
            assertEquals("22023", state, "the snapshot outlived its exporter's connection");
        } finally {
            ReplicationConnections.dropSlot(true, "rp_closed_slot");
        }
    }

    // ---- helpers ----

    /** SET TRANSACTION SNAPSHOT in a fresh transaction: null when it succeeded, else the SQLSTATE. */
    private static String importSnapshot(Connection sql, String snapshot) throws SQLException {
        run(sql, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        try {
            run(sql, "SET TRANSACTION SNAPSHOT '" + snapshot + "'");
            return null;
        } catch (SQLException e) {
            return e.getSQLState();
        } finally {
            run(sql, "ROLLBACK");
        }
    }

    private static String lsn(long lsn) {
        return LogSequenceNumber.valueOf(lsn).asString();
    }

    private static String startReplication(String slot, String publication) {
        return "START_REPLICATION SLOT " + slot + " LOGICAL 0/0 (proto_version '1', publication_names '" + publication
                + "', messages 'true')";
    }

    private static void assertError(String sqlState, List<Reply> replies) {
        assertEquals("EZ", types(replies));
        assertEquals("ERROR", replies.get(0).errorFields().get('S'));
        assertEquals(
                sqlState,
                replies.get(0).errorFields().get('C'),
                replies.get(0).errorFields().toString());
        assertEquals('I', replies.get(1).status());
    }

    private static String types(List<Reply> replies) {
        StringBuilder types = new StringBuilder();
        replies.forEach(reply -> types.append(reply.type()));
        return types.toString();
    }

    /**
     * Polls {@code query} until its first value is {@code expected}: slot rows are written in a turn of their
     * own after the reply, so they may show a moment later.
     */
    private static void awaitSingle(Connection sql, String query, String expected) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = firstValue(sql, query);
        while (!expected.equals(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = firstValue(sql, query);
        }
        assertEquals(expected, last, query);
    }

    /** The first column of the first row, or null when there is no row. */
    private static String firstValue(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** The body of a simple Query message. */
    private static byte[] queryBody(String sql) {
        return cstring(sql);
    }

    private static byte[] cstring(String text) {
        return concat(text.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** An XLogData frame's header fields and the pgoutput message it carries. */
    record XLogData(long walStart, long walEnd, byte[] payload) {}

    /** A column of a RowDescription: its name and type oid. */
    record Field(String name, int typeOid) {}

    /** One backend message. */
    record Reply(char type, byte[] body) {
        /** CommandComplete's tag. */
        String tag() {
            assertEquals('C', type);
            return new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
        }

        /** ReadyForQuery's transaction status. */
        char status() {
            assertEquals('Z', type);
            return (char) body[0];
        }

        List<Field> fields() {
            assertEquals('T', type);
            ByteBuffer in = ByteBuffer.wrap(body);
            int count = in.getShort();
            List<Field> fields = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = cstring(in);
                in.getInt(); // table oid
                in.getShort(); // column number
                int type = in.getInt();
                in.getShort(); // type size
                in.getInt(); // typmod
                assertEquals(0, in.getShort(), "text format");
                fields.add(new Field(name, type));
            }
            assertEquals(0, in.remaining());
            return fields;
        }

        /** A DataRow's values; null for SQL NULL. */
        List<String> values() {
            assertEquals('D', type);
            ByteBuffer in = ByteBuffer.wrap(body);
            int count = in.getShort();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int length = in.getInt();
                if (length < 0) {
                    values.add(null);
                } else {
                    values.add(new String(body, in.position(), length, StandardCharsets.UTF_8));
                    in.position(in.position() + length);
                }
            }
            assertEquals(0, in.remaining());
            return values;
        }

        Map<Character, String> errorFields() {
            assertTrue(type == 'E' || type == 'N', "not an error: " + type);
            ByteBuffer in = ByteBuffer.wrap(body);
            Map<Character, String> fields = new LinkedHashMap<>();
            for (byte code = in.get(); code != 0; code = in.get()) {
                fields.put((char) code, cstring(in));
            }
            return fields;
        }

        private static String cstring(ByteBuffer in) {
            int start = in.position();
            while (in.get() != 0) {
                // to the terminator
            }
            return new String(in.array(), start, in.position() - start - 1, StandardCharsets.UTF_8);
        }
    }

    /** A raw replication connection to the proxy; every read times out rather than hang. */
    private static final class Wire implements AutoCloseable {
        final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        int processId;

        private Wire(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout((int) DEADLINE.toMillis());
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** Logs in with {@code replication=database} and a cleartext password, as the proxy asks for one. */
        static Wire replication() throws IOException {
            Wire wire = new Wire(new Socket("127.0.0.1", Engines.proxy().port()));
            try {
                byte[] parameters = concat(
                        cstring("user"),
                        cstring(Engines.USER),
                        cstring("database"),
                        cstring("postgres"),
                        cstring("replication"),
                        cstring("database"),
                        new byte[] {0});
                wire.out.write(ByteBuffer.allocate(8 + parameters.length)
                        .putInt(8 + parameters.length)
                        .putInt(196608)
                        .put(parameters)
                        .array());
                Reply ask = wire.read();
                assertEquals('R', ask.type());
                assertEquals(3, ByteBuffer.wrap(ask.body()).getInt(), "AuthenticationCleartextPassword");
                wire.send('p', cstring(Engines.PASSWORD));
                for (Reply reply : wire.readUntilReady()) {
                    if (reply.type() == 'E') {
                        fail("login refused: " + reply.errorFields());
                    } else if (reply.type() == 'K') {
                        wire.processId = ByteBuffer.wrap(reply.body()).getInt();
                    }
                }
                assertTrue(wire.processId != 0, "BackendKeyData names the process");
                return wire;
            } catch (IOException | RuntimeException | Error e) {
                wire.close();
                throw e;
            }
        }

        void send(char type, byte[] body) throws IOException {
            out.write(ByteBuffer.allocate(5 + body.length)
                    .put((byte) type)
                    .putInt(4 + body.length)
                    .put(body)
                    .array());
            out.flush();
        }

        /** A simple Query and everything up to its ReadyForQuery. */
        List<Reply> query(String sql) throws IOException {
            send('Q', queryBody(sql));
            return readUntilReady();
        }

        Reply read() throws IOException {
            try {
                char type = (char) in.readUnsignedByte();
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                return new Reply(type, body);
            } catch (SocketTimeoutException e) {
                return fail("no message from the proxy within " + socket.getSoTimeout() + " ms");
            }
        }

        /** The next message not of type {@code skipped}, within the deadline however many are skipped. */
        Reply readSkipping(char skipped) throws IOException {
            long deadline = deadline();
            Reply reply = read();
            while (reply.type() == skipped) {
                checkDeadline(deadline, "a message other than '" + skipped + "'");
                reply = read();
            }
            return reply;
        }

        private static long deadline() {
            return System.nanoTime() + DEADLINE.toNanos();
        }

        /**
         * Keepalives keep arriving from a stream that sends nothing else, so a loop that skips them needs an
         * overall deadline besides the socket's read timeout.
         */
        private static void checkDeadline(long deadline, String awaited) {
            if (System.nanoTime() > deadline) {
                fail("no " + awaited + " within " + DEADLINE + " (only keepalives or skipped messages came)");
            }
        }

        List<Reply> readUntilReady() throws IOException {
            return readUntilReady('\0');
        }

        /** Messages up to and including ReadyForQuery, leaving out those of type {@code skipped}. */
        List<Reply> readUntilReady(char skipped) throws IOException {
            long deadline = deadline();
            List<Reply> replies = new ArrayList<>();
            Reply reply;
            do {
                checkDeadline(deadline, "ReadyForQuery");
                reply = read();
                if (reply.type() != skipped) {
                    replies.add(reply);
                }
            } while (reply.type() != 'Z');
            return replies;
        }

        /** The next XLogData frame, skipping keepalives (whose shape it checks). */
        XLogData nextXLogData() throws IOException {
            long deadline = deadline();
            while (true) {
                checkDeadline(deadline, "XLogData");
                Reply reply = read();
                assertEquals('d', reply.type(), "CopyData while streaming");
                ByteBuffer frame = ByteBuffer.wrap(reply.body());
                char kind = (char) frame.get();
                if (kind == 'k') {
                    assertEquals(17, frame.remaining(), "keepalive: walEnd, time, reply requested");
                    continue;
                }
                assertEquals('w', kind);
                long walStart = frame.getLong();
                long walEnd = frame.getLong();
                frame.getLong(); // send time
                byte[] payload = new byte[frame.remaining()];
                frame.get(payload);
                return new XLogData(walStart, walEnd, payload);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
