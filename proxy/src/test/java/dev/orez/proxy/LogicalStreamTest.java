package dev.orez.proxy;

import static dev.orez.proxy.TestSql.run;
import static dev.orez.proxy.TestSql.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.orez.proxy.PgOutputDecoder.Begin;
import dev.orez.proxy.PgOutputDecoder.Column;
import dev.orez.proxy.PgOutputDecoder.Commit;
import dev.orez.proxy.PgOutputDecoder.Decoded;
import dev.orez.proxy.PgOutputDecoder.Delete;
import dev.orez.proxy.PgOutputDecoder.Insert;
import dev.orez.proxy.PgOutputDecoder.Message;
import dev.orez.proxy.PgOutputDecoder.Relation;
import dev.orez.proxy.PgOutputDecoder.Truncate;
import dev.orez.proxy.PgOutputDecoder.Update;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The replication stream as a real client sees it: pgjdbc's replication API creates slots and streams from them,
 * and every message is read back with {@link PgOutputDecoder}, which knows nothing of orez's encoder.
 */
class LogicalStreamTest {
    /** How long any wait may take before the test fails instead of hanging on a broken stream. */
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private static final String MESSAGE_PREFIX = "orez-test";

    @Test
    void aFullStreamCarriesEveryKindOfChangeWithExactTypesAndValues() throws Exception {
        try (Connection sql = Engines.connect()) {
            run(sql, "SET TimeZone = 'UTC'");
            run(
                    sql,
                    "CREATE TABLE ls_full (id int PRIMARY KEY, amount numeric(12,2),"
                            + " doubled int GENERATED ALWAYS AS (id * 2) STORED, tags text[], at timestamptz,"
                            + " doc jsonb, note varchar(20), flag boolean, label text, raw bytea)");
            run(sql, "CREATE PUBLICATION ls_full_pub FOR TABLE ls_full");
            int oid = oid(sql, "ls_full");
            createSlot("ls_full_slot");
            try (Stream stream = Stream.open("ls_full_slot", "ls_full_pub", LogSequenceNumber.INVALID_LSN)) {
                run(
                        sql,
                        "INSERT INTO ls_full (id, amount, tags, at, doc, note, flag, label, raw) VALUES"
                                + " (1, 12.5, ARRAY['a', 'b c', NULL], '2024-01-01 00:00:00+00', '{\"k\":[1,2]}',"
                                + " 'hi', true, 'a \"quoted\", back\\slash', '\\xdeadbeef'),"
                                + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
                run(sql, "UPDATE ls_full SET amount = 99.999 WHERE id = 1");
                run(sql, "UPDATE ls_full SET id = 3 WHERE id = 2");
                run(sql, "DELETE FROM ls_full WHERE id = 1");
                run(sql, "TRUNCATE ls_full");

                List<Received> received = stream.untilCommits(5);
                assertEquals(
                        List.of(
                                Begin.class,
                                Relation.class,
                                Insert.class,
                                Insert.class,
                                Commit.class,
                                Begin.class,
                                Update.class,
                                Commit.class,
                                Begin.class,
                                Update.class,
                                Commit.class,
                                Begin.class,
                                Delete.class,
                                Commit.class,
                                Begin.class,
                                Truncate.class,
                                Commit.class),
                        received.stream().map(r -> r.message().getClass()).toList());
                checkTransactionLsns(received);
                checkCommitsAtTheirLastChange(received);

                Relation relation = (Relation) received.get(1).message();
                assertEquals(oid, relation.oid());
                assertEquals("public", relation.namespace());
                assertEquals("ls_full", relation.name());
                assertEquals('d', relation.replicaIdentity());
                assertEquals(
                        List.of(
                                new Column(1, "id", 23, -1),
                                new Column(0, "amount", 1700, 786438),
                                new Column(0, "tags", 1009, -1),
                                new Column(0, "at", 1184, -1),
                                new Column(0, "doc", 3802, -1),
                                new Column(0, "note", 1043, 24),
                                new Column(0, "flag", 16, -1),
                                new Column(0, "label", 25, -1),
                                new Column(0, "raw", 17, -1)),
                        relation.columns(),
                        "real type oids and typmods, the key flagged, the generated column left out");

                List<String> nulls = row(null, null, null, null, null, null, null, null);
                assertEquals(
                        new Insert(
                                oid,
                                row(
                                        "1",
                                        "12.50",
                                        "{a,\"b c\",NULL}",
                                        "2024-01-01 00:00:00+00",
                                        "{\"k\": [1, 2]}",
                                        "hi",
                                        "t",
                                        "a \"quoted\", back\\slash",
                                        "\\xdeadbeef")),
                        received.get(2).message());
                assertEquals(
                        new Insert(oid, withKey("2", nulls)), received.get(3).message());
                Update unkeyed = (Update) received.get(6).message();
                assertEquals(oid, unkeyed.relid());
                assertNull(unkeyed.oldKind(), "no old tuple when the key did not change");
                assertNull(unkeyed.oldTuple());
                assertEquals("1", unkeyed.newTuple().get(0));
                assertEquals("100.00", unkeyed.newTuple().get(1), "numeric(12,2) rounds as Postgres stores it");
                assertEquals(
                        new Update(oid, 'K', withKey("2", nulls), withKey("3", nulls)),
                        received.get(9).message());
                assertEquals(
                        new Delete(oid, 'K', withKey("1", nulls)),
                        received.get(12).message());
                assertEquals(new Truncate(0, List.of(oid)), received.get(15).message());
            } finally {
                ReplicationConnections.dropSlot(false, "ls_full_slot");
            }
        }
    }

    @Test
    void aRolledBackTransactionIsNeverStreamedNorAnotherPublicationsTable() throws Exception {
        try (Connection sql = Engines.connect()) {
            run(sql, "CREATE TABLE ls_rollback (id int PRIMARY KEY)");
            run(sql, "CREATE TABLE ls_elsewhere (id int PRIMARY KEY)");
            run(sql, "CREATE PUBLICATION ls_rollback_pub FOR TABLE ls_rollback");
            run(sql, "CREATE PUBLICATION ls_elsewhere_pub FOR TABLE ls_elsewhere");
            createSlot("ls_rollback_slot");
            try (Stream stream = Stream.open("ls_rollback_slot", "ls_rollback_pub", LogSequenceNumber.INVALID_LSN)) {
                run(sql, "BEGIN");
                run(sql, "INSERT INTO ls_rollback VALUES (1)");
                run(sql, "ROLLBACK");
                run(sql, "BEGIN");
                run(sql, "INSERT INTO ls_elsewhere VALUES (7)");
                run(sql, "INSERT INTO ls_rollback VALUES (2)");
                run(sql, "INSERT INTO ls_elsewhere VALUES (8)");
                run(sql, "COMMIT");

                List<Received> received = stream.untilCommits(1);
                assertEquals(
                        List.of(Begin.class, Relation.class, Insert.class, Commit.class),
                        received.stream().map(r -> r.message().getClass()).toList());
                assertEquals(List.of("2"), ((Insert) received.get(2).message()).newTuple());
                assertEquals("ls_rollback", ((Relation) received.get(1).message()).name());
                checkTransactionLsns(received);
            } finally {
                ReplicationConnections.dropSlot(false, "ls_rollback_slot");
            }
        }
    }

    @Test
    void transactionalMessagesTravelInTheirTransactionAndOthersOutside() throws Exception {
        try (Connection sql = Engines.connect()) {
            run(sql, "CREATE TABLE ls_messages (id int PRIMARY KEY)");
            run(sql, "CREATE PUBLICATION ls_messages_pub FOR TABLE ls_messages");
            createSlot("ls_messages_slot");
            try (Stream stream = Stream.open("ls_messages_slot", "ls_messages_pub", LogSequenceNumber.INVALID_LSN)) {
                long outside = emit(sql, false, "outside");
                run(sql, "BEGIN");
                long inside = emit(sql, true, "inside");
                run(sql, "INSERT INTO ls_messages VALUES (1)");
                run(sql, "COMMIT");
                run(sql, "BEGIN");
                emit(sql, true, "rolled back");
                run(sql, "ROLLBACK");
                long alone = emit(sql, true, "alone");

                List<Received> received = stream.untilCommits(2);
                assertEquals(
                        List.of(
                                Message.class,
                                Begin.class,
                                Message.class,
                                Relation.class,
                                Insert.class,
                                Commit.class,
                                Begin.class,
                                Message.class,
                                Commit.class),
                        received.stream().map(r -> r.message().getClass()).toList());
                checkMessage(received.get(0), false, outside, "outside");
                checkMessage(received.get(2), true, inside, "inside");
                checkMessage(received.get(7), true, alone, "alone");
                checkTransactionLsns(received);
            } finally {
                ReplicationConnections.dropSlot(false, "ls_messages_slot");
            }
        }
    }

    /**
     * Postgres decodes a non-transactional message as soon as it reads it, never as part of the transaction that
     * emitted it: it comes before that transaction's Begin.
     */
    @Test
    void aNonTransactionalMessageEmittedInATransactionArrivesOutsideIt() throws Exception {
        try (Connection sql = Engines.connect()) {
            run(sql, "CREATE TABLE ls_midway (id int PRIMARY KEY)");
            run(sql, "CREATE PUBLICATION ls_midway_pub FOR TABLE ls_midway");
            createSlot("ls_midway_slot");
            try (Stream stream = Stream.open("ls_midway_slot", "ls_midway_pub", LogSequenceNumber.INVALID_LSN)) {
                run(sql, "BEGIN");
                run(sql, "INSERT INTO ls_midway VALUES (1)");
                long midway = emit(sql, false, "midway");
                run(sql, "INSERT INTO ls_midway VALUES (2)");
                run(sql, "COMMIT");

                List<Received> received = stream.untilCommits(1);
                assertEquals(
                        List.of(Message.class, Begin.class, Relation.class, Insert.class, Insert.class, Commit.class),
                        received.stream().map(r -> r.message().getClass()).toList());
                checkMessage(received.get(0), false, midway, "midway");
            } finally {
                ReplicationConnections.dropSlot(false, "ls_midway_slot");
            }
        }
    }

    @Test
    void anAlteredTableIsDescribedAgainBeforeItsNextChange() throws Exception {
        try (Connection sql = Engines.connect()) {
            run(sql, "CREATE TABLE ls_altered (id int PRIMARY KEY, name text)");
            run(sql, "CREATE PUBLICATION ls_altered_pub FOR TABLE ls_altered");
            createSlot("ls_altered_slot");
            try (Stream stream = Stream.open("ls_altered_slot", "ls_altered_pub", LogSequenceNumber.INVALID_LSN)) {
                run(sql, "INSERT INTO ls_altered VALUES (1, 'one')");
                List<Received> before = stream.untilCommits(1);
                assertEquals(List.of("id", "name"), ((Relation) before.get(1).message()).columnNames());

                run(sql, "ALTER TABLE ls_altered ADD COLUMN size varchar(5)");
                run(sql, "INSERT INTO ls_altered VALUES (2, 'two', 'small')");
                List<Received> added = stream.untilCommits(1);
                assertEquals(
                        List.of(Begin.class, Relation.class, Insert.class, Commit.class),
                        added.stream().map(r -> r.message().getClass()).toList());
                Relation withSize = (Relation) added.get(1).message();
                assertEquals(List.of("id", "name", "size"), withSize.columnNames());
                assertEquals(new Column(0, "size", 1043, 9), withSize.columns().get(2));
                assertEquals(
                        List.of("2", "two", "small"), ((Insert) added.get(2).message()).newTuple());

                run(sql, "BEGIN");
                run(sql, "ALTER TABLE ls_altered ADD COLUMN weight numeric(6,3)");
                run(sql, "UPDATE ls_altered SET weight = 1.5 WHERE id = 1");
                run(sql, "COMMIT");
                List<Received> after = stream.untilCommits(1);
                assertEquals(
                        List.of(Begin.class, Relation.class, Update.class, Commit.class),
                        after.stream().map(r -> r.message().getClass()).toList());
                Relation weighed = (Relation) after.get(1).message();
                assertEquals(List.of("id", "name", "size", "weight"), weighed.columnNames());
                assertEquals(
                        new Column(0, "weight", 1700, 393223), weighed.columns().get(3));
                assertEquals(
                        row("1", "one", null, "1.500"), ((Update) after.get(2).message()).newTuple());
                checkTransactionLsns(added);
                checkTransactionLsns(after);
            } finally {
                ReplicationConnections.dropSlot(false, "ls_altered_slot");
            }
        }
    }

    /**
     * pgoutput describes a change with the table's columns as they were when the change was made (a historic
     * catalog snapshot): a change streamed after a later ALTER TABLE must not show the columns added since.
     */
    @Test
    void aChangeIsDescribedAsItsTableWasWhenTheChangeWasMade() throws Exception {
        try (Connection sql = Engines.connect()) {
            run(sql, "CREATE TABLE ls_history (id int PRIMARY KEY, name text)");
            run(sql, "CREATE PUBLICATION ls_history_pub FOR TABLE ls_history");
            createSlot("ls_history_slot");
            try {
                run(sql, "INSERT INTO ls_history VALUES (1, 'one')");
                run(sql, "ALTER TABLE ls_history ADD COLUMN later int");
                run(sql, "INSERT INTO ls_history VALUES (2, 'two', 2)");
                try (Stream stream = Stream.open("ls_history_slot", "ls_history_pub", LogSequenceNumber.INVALID_LSN)) {
                    List<Received> received = stream.untilCommits(2);
                    assertEquals(
                            List.of(
                                    Begin.class,
                                    Relation.class,
                                    Insert.class,
                                    Commit.class,
                                    Begin.class,
                                    Relation.class,
                                    Insert.class,
                                    Commit.class),
                            received.stream().map(r -> r.message().getClass()).toList());
                    assertEquals(
                            List.of("id", "name"), ((Relation) received.get(1).message()).columnNames());
                    assertEquals(List.of("1", "one"), ((Insert) received.get(2).message()).newTuple());
                    assertEquals(
                            List.of("id", "name", "later"),
                            ((Relation) received.get(5).message()).columnNames());
                    assertEquals(
                            List.of("2", "two", "2"), ((Insert) received.get(6).message()).newTuple());
                }
            } finally {
                ReplicationConnections.dropSlot(false, "ls_history_slot");
            }
        }
    }

    @Test
    void aResumedStreamStartsAfterWhatTheSlotConfirmed() throws Exception {
        try (Connection sql = Engines.connect()) {
            run(sql, "CREATE TABLE ls_resume (id int PRIMARY KEY)");
            run(sql, "CREATE PUBLICATION ls_resume_pub FOR TABLE ls_resume");
            createSlot("ls_resume_slot");
            try {
                for (int id = 1; id <= 3; id++) {
                    run(sql, "INSERT INTO ls_resume VALUES (" + id + ")");
                }
                List<Commit> commits;
                try (Stream first = Stream.open("ls_resume_slot", "ls_resume_pub", LogSequenceNumber.INVALID_LSN)) {
                    List<Received> received = first.untilCommits(3);
                    assertEquals(List.of("1", "2", "3"), insertedIds(received));
                    commits = commits(received);
                    first.confirm(commits.get(1).endLsn());
                }
                Commit second = commits.get(1);
                awaitConfirmedFlush(
                        "ls_resume_slot", second.commitLsn(), commits.get(2).commitLsn());
                run(sql, "INSERT INTO ls_resume VALUES (4)");

                try (Stream fromConfirmed =
                        Stream.open("ls_resume_slot", "ls_resume_pub", LogSequenceNumber.valueOf(second.endLsn()))) {
                    assertEquals(List.of("3", "4"), insertedIds(fromConfirmed.untilCommits(2)));
                    fromConfirmed.stream.forceUpdateStatus(); // flushed unknown (0/0): must not move the slot back
                }
                try (Stream fromTheStart =
                        Stream.open("ls_resume_slot", "ls_resume_pub", LogSequenceNumber.INVALID_LSN)) {
                    assertEquals(
                            List.of("3", "4"),
                            insertedIds(fromTheStart.untilCommits(2)),
                            "a start before the confirmed position resumes from the slot");
                }
                try (Stream later = Stream.open(
                        "ls_resume_slot",
                        "ls_resume_pub",
                        LogSequenceNumber.valueOf(commits.get(2).endLsn()))) {
                    assertEquals(List.of("4"), insertedIds(later.untilCommits(1)));
                }
            } finally {
                ReplicationConnections.dropSlot(false, "ls_resume_slot");
            }
        }
    }

    // ---- helpers ----

    /** A decoded message with the start LSN of the XLogData frame that carried it. */
    record Received(long walStart, Decoded message) {}

    /** One START_REPLICATION stream on its own replication connection, read with a deadline. */
    private static final class Stream implements AutoCloseable {
        private final Connection connection;
        private final PGReplicationStream stream;

        private Stream(Connection connection, PGReplicationStream stream) {
            this.connection = connection;
            this.stream = stream;
        }

        static Stream open(String slot, String publication, LogSequenceNumber from) throws SQLException {
            Connection connection = replicationConnection();
            try {
                PGReplicationStream stream = ReplicationConnections.stream(connection, slot, from, publication);
                return new Stream(connection, stream);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        /** The next message, or a failure if none comes within the deadline. */
        Received next() throws SQLException, InterruptedException {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                ByteBuffer buffer = stream.readPending();
                if (buffer != null) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    return new Received(stream.getLastReceiveLSN().asLong(), PgOutputDecoder.decode(bytes));
                }
                Thread.sleep(10);
            }
            return fail("no replication message within " + DEADLINE);
        }

        /** Every message up to and including the {@code count}th Commit. */
        List<Received> untilCommits(int count) throws SQLException, InterruptedException {
            List<Received> received = new ArrayList<>();
            int commits = 0;
            while (commits < count) {
                Received next = next();
                received.add(next);
                if (next.message() instanceof Commit) {
                    commits++;
                }
            }
            return received;
        }

        /** Reports {@code lsn} flushed and applied right away, as a subscriber does after a commit. */
        void confirm(long lsn) throws SQLException {
            stream.setFlushedLSN(LogSequenceNumber.valueOf(lsn));
            stream.setAppliedLSN(LogSequenceNumber.valueOf(lsn));
            stream.forceUpdateStatus();
        }

        @Override
        public void close() throws SQLException {
            try {
                stream.close();
            } finally {
                connection.close();
            }
        }
    }

    static Connection replicationConnection() throws SQLException {
        return ReplicationConnections.open();
    }

    private static void createSlot(String name) throws SQLException {
        try (Connection connection = replicationConnection()) {
            String created = connection
                    .unwrap(PGConnection.class)
                    .getReplicationAPI()
                    .createReplicationSlot()
                    .logical()
                    .withSlotName(name)
                    .withOutputPlugin("pgoutput")
                    .make()
                    .getSlotName();
            assertEquals(name, created);
        }
    }

    /** Waits until pg_replication_slots shows the slot confirmed at or after {@code atLeast}, before {@code below}. */
    private static void awaitConfirmedFlush(String slot, long atLeast, long below) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        long shown = 0;
        try (Connection connection = Engines.connect()) {
            while (System.nanoTime() < deadline) {
                shown = LogSequenceNumber.valueOf(single(
                                connection,
                                "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '" + slot
                                        + "'"))
                        .asLong();
                if (shown >= atLeast) {
                    assertTrue(shown < below, "confirmed beyond what was flushed: " + LogSequenceNumber.valueOf(shown));
                    return;
                }
                Thread.sleep(50);
            }
        }
        fail("confirmed_flush_lsn stayed at " + LogSequenceNumber.valueOf(shown) + ", expected at least "
                + LogSequenceNumber.valueOf(atLeast));
    }

    /**
     * What every transaction must satisfy: Begin announces the commit LSN, the commit LSN is the LSN of the last
     * change and the end LSN follows it, changes lie in between, and transactions follow each other in commit order.
     */
    private static void checkTransactionLsns(List<Received> received) {
        Begin begin = null;
        long beginAt = 0;
        long lastChangeAt = 0;
        long previousCommit = 0;
        int xid = 0;
        for (Received next : received) {
            if (next.message() instanceof Begin b) {
                assertNull(begin, "Begin inside a transaction");
                begin = b;
                beginAt = next.walStart();
                lastChangeAt = next.walStart();
                assertTrue(beginAt > previousCommit, "a transaction starts after the previous commit");
                assertNotEquals(xid, b.xid(), "each transaction has its own xid");
                xid = b.xid();
            } else if (next.message() instanceof Commit commit) {
                assertTrue(begin != null, "Commit without Begin");
                assertEquals(begin.finalLsn(), commit.commitLsn(), "Begin.finalLsn is the commit LSN");
                assertEquals(commit.commitLsn() + 1, commit.endLsn());
                assertEquals(commit.commitLsn(), next.walStart());
                assertTrue(lastChangeAt <= commit.commitLsn(), "changes before the commit");
                assertTrue(commit.commitLsn() > previousCommit, "commits in order");
                assertEquals(0, (commit.commitLsn() - 0x1000000L) % 256, "LSN 0/1000000 + 256 w");
                previousCommit = commit.commitLsn();
                begin = null;
            } else if (begin != null) {
                assertTrue(next.walStart() >= lastChangeAt, "changes in LSN order");
                assertTrue(next.walStart() <= begin.finalLsn(), "changes before the commit");
                lastChangeAt = next.walStart();
            }
        }
        assertNull(begin, "a transaction left open");
    }

    /**
     * When every change of each transaction is streamed (no other table's, no filtered ones), each commit is at
     * the LSN of the change just before it.
     */
    private static void checkCommitsAtTheirLastChange(List<Received> received) {
        for (int i = 1; i < received.size(); i++) {
            if (received.get(i).message() instanceof Commit commit) {
                assertEquals(
                        commit.commitLsn(),
                        received.get(i - 1).walStart(),
                        "the commit LSN is the LSN of the transaction's last change");
            }
        }
    }

    private static void checkMessage(Received received, boolean transactional, long lsn, String text) {
        Message message = assertInstanceOf(Message.class, received.message());
        assertEquals(transactional, message.transactional());
        assertEquals(transactional ? 1 : 0, message.flags());
        assertEquals(MESSAGE_PREFIX, message.prefix());
        assertEquals(text, message.text());
        assertEquals(LogSequenceNumber.valueOf(lsn), LogSequenceNumber.valueOf(message.lsn()), "the LSN emit returned");
        assertEquals(lsn, received.walStart());
    }

    /** Emits a logical message and returns the LSN the function reports for it. */
    private static long emit(Connection sql, boolean transactional, String content) throws SQLException {
        return LogSequenceNumber.valueOf(single(
                        sql,
                        "SELECT pg_logical_emit_message(" + transactional + ", '" + MESSAGE_PREFIX + "', '" + content
                                + "')"))
                .asLong();
    }

    private static List<String> insertedIds(List<Received> received) {
        return received.stream()
                .filter(r -> r.message() instanceof Insert)
                .map(r -> ((Insert) r.message()).newTuple().get(0))
                .toList();
    }

    private static List<Commit> commits(List<Received> received) {
        return received.stream()
                .filter(r -> r.message() instanceof Commit)
                .map(r -> (Commit) r.message())
                .toList();
    }

    /** A tuple that may hold NULLs (List.of may not). */
    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    private static List<String> withKey(String key, List<String> rest) {
        List<String> tuple = new ArrayList<>();
        tuple.add(key);
        tuple.addAll(rest);
        return tuple;
    }

    private static int oid(Connection sql, String table) throws SQLException {
        return Integer.parseInt(single(sql, "SELECT '" + table + "'::regclass::oid"));
    }
}
