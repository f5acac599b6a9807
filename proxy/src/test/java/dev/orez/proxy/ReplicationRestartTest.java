package dev.orez.proxy;

import static dev.orez.proxy.TestSql.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.pglite.PGlite;
import dev.orez.pglite.PGliteOptions;
import dev.orez.replication.ReplicationOptions;
import dev.orez.replication.ReplicationService;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * orez stopped and started again on the same data directory: the slot, what its consumer confirmed, and the
 * LSNs survive; a consumer resumes from its own position and never sees LSNs go backwards.
 */
class ReplicationRestartTest {
    @TempDir
    Path dataDir;

    /** One application instance with replication and a proxy, as orez runs it. */
    private record Orez(PGlite engine, ReplicationService replication, PgProxy proxy) implements AutoCloseable {
        static Orez start(Path dataDir) {
            PGlite engine = PGlite.open(dataDir, PGliteOptions.defaults().withLog(line -> {}));
            ReplicationService replication = ReplicationService.install(engine, ReplicationOptions.defaults());
            PgProxy proxy = PgProxy.start(ProxyConfig.builder()
                    .port(0)
                    .credentials(Engines.USER, Engines.PASSWORD)
                    .database("postgres", engine)
                    .walSenders(replication)
                    .build());
            return new Orez(engine, replication, proxy);
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres";
        }

        Connection connect() throws Exception {
            Properties properties = new Properties();
            properties.setProperty("user", Engines.USER);
            properties.setProperty("password", Engines.PASSWORD);
            return DriverManager.getConnection(url(), properties);
        }

        @Override
        public void close() {
            proxy.close();
            replication.close();
            engine.close();
        }
    }

    private record Commit(long lsn, List<String> insertedIds) {}

    @Test
    void aConsumerResumesFromItsPositionAfterOrezRestarts() throws Exception {
        List<Commit> before;
        try (Orez orez = Orez.start(dataDir);
                Connection sql = orez.connect();
                Connection replication = ReplicationConnections.open(orez.url())) {
            run(sql, "CREATE TABLE kept (id text PRIMARY KEY)");
            run(sql, "CREATE PUBLICATION kept_pub FOR TABLE kept");
            String consistentPoint = replication
                    .unwrap(PGConnection.class)
                    .getReplicationAPI()
                    .createReplicationSlot()
                    .logical()
                    .withSlotName("kept_slot")
                    .withOutputPlugin("pgoutput")
                    .make()
                    .getConsistentPoint()
                    .asString();
            for (String id : List.of("a", "b", "c")) {
                run(sql, "INSERT INTO kept VALUES ('" + id + "')");
            }
            PGReplicationStream stream = ReplicationConnections.stream(
                    replication, "kept_slot", LogSequenceNumber.valueOf(consistentPoint), "kept_pub");
            before = commits(stream, 3);
            assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), ids(before));
            // Confirm up to the second transaction only; the third must come again.
            stream.setFlushedLSN(LogSequenceNumber.valueOf(before.get(1).lsn()));
            stream.setAppliedLSN(LogSequenceNumber.valueOf(before.get(1).lsn()));
            stream.forceUpdateStatus();
            waitForConfirmation(sql, before.get(1).lsn());
            stream.close();
        }

        try (Orez orez = Orez.start(dataDir);
                Connection sql = orez.connect();
                Connection replication = ReplicationConnections.open(orez.url())) {
            run(sql, "INSERT INTO kept VALUES ('d')");
            // A start LSN below what the slot confirmed resumes from the slot, as in Postgres.
            PGReplicationStream stream = ReplicationConnections.stream(
                    replication,
                    "kept_slot",
                    LogSequenceNumber.valueOf(before.get(0).lsn()),
                    "kept_pub");
            List<Commit> after = commits(stream, 2);
            assertEquals(List.of(List.of("c"), List.of("d")), ids(after));
            assertEquals(before.get(2).lsn(), after.get(0).lsn(), "an unconfirmed transaction keeps its LSN");
            assertTrue(after.get(1).lsn() > before.get(2).lsn(), "LSNs go on growing after a restart");
            stream.close();
            run(sql, "SELECT pg_drop_replication_slot('kept_slot')");
        }
    }

    /** Reads until {@code count} transactions have committed, with the rows each inserted. */
    private static List<Commit> commits(PGReplicationStream stream, int count) throws Exception {
        List<Commit> commits = new ArrayList<>();
        List<String> inserted = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (commits.size() < count) {
            assertTrue(System.nanoTime() < deadline, "only " + commits.size() + " of " + count + " commits arrived");
            ByteBuffer message = stream.readPending();
            if (message == null) {
                Thread.sleep(10);
                continue;
            }
            PgOutputDecoder.Decoded decoded = PgOutputDecoder.decode(ReplicationConnections.bytes(message));
            if (decoded instanceof PgOutputDecoder.Insert insert) {
                inserted.add(insert.newTuple().get(0));
            } else if (decoded instanceof PgOutputDecoder.Commit commit) {
                commits.add(new Commit(commit.commitLsn(), List.copyOf(inserted)));
                inserted.clear();
            }
        }
        return commits;
    }

    private static List<List<String>> ids(List<Commit> commits) {
        return commits.stream().map(Commit::insertedIds).toList();
    }

    /** The confirmation is recorded in a later engine turn; the restart must come after it. */
    private static void waitForConfirmation(Connection sql, long lsn) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Statement statement = sql.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT confirmed_flush_lsn >= '"
                            + LogSequenceNumber.valueOf(lsn).asString()
                            + "'::pg_lsn FROM pg_replication_slots WHERE slot_name = 'kept_slot'")) {
                if (rows.next() && rows.getBoolean(1)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the slot never recorded the confirmation of " + lsn);
    }
}
