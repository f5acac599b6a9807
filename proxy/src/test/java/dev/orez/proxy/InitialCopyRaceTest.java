package dev.orez.proxy;

import static dev.orez.proxy.TestSql.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.ReplicationSlotInfo;

/**
 * zero-cache's initial sync: a slot exports a snapshot, a copy imports it, and the stream continues from the
 * slot. Writes that race the copy must end up in the copy or in the stream, never in both, never in neither.
 */
class InitialCopyRaceTest {
    @Test
    void everyRowIsInTheCopyOrInTheStreamNeverInBoth() throws Exception {
        try (Connection writer = Engines.connect();
                Connection copier = Engines.connect();
                Connection replication = ReplicationConnections.open()) {
            run(writer, "CREATE TABLE race (id int PRIMARY KEY, v int)");
            run(writer, "CREATE PUBLICATION race_pub FOR TABLE race");
            run(writer, "INSERT INTO race SELECT g, g FROM generate_series(1, 100) g");

            ReplicationSlotInfo slot = replication
                    .unwrap(PGConnection.class)
                    .getReplicationAPI()
                    .createReplicationSlot()
                    .logical()
                    .withSlotName("race_slot")
                    .withOutputPlugin("pgoutput")
                    .make();
            // Committed after the slot's consistent point, before the copy reads the table.
            run(writer, "INSERT INTO race SELECT g, g FROM generate_series(101, 150) g");
            run(writer, "UPDATE race SET v = v + 1000 WHERE id <= 10");
            run(writer, "DELETE FROM race WHERE id BETWEEN 11 AND 20");

            Map<Integer, Integer> replica = copy(copier, slot.getSnapshotName());

            // Committed after the copy.
            run(writer, "INSERT INTO race SELECT g, g FROM generate_series(151, 160) g");
            run(writer, "UPDATE race SET v = -1 WHERE id = 101");
            run(writer, "DELETE FROM race WHERE id = 30");
            Map<Integer, Integer> upstream = rows(writer);

            PGReplicationStream stream =
                    ReplicationConnections.stream(replication, "race_slot", slot.getConsistentPoint(), "race_pub");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!replica.equals(upstream) && System.nanoTime() < deadline) {
                ByteBuffer message = stream.readPending();
                if (message == null) {
                    Thread.sleep(10);
                    continue;
                }
                apply(PgOutputDecoder.decode(ReplicationConnections.bytes(message)), replica);
            }
            assertEquals(upstream, replica);
            stream.close();
        } finally {
            try (Connection cleanup = Engines.connect()) {
                run(cleanup, "SELECT pg_drop_replication_slot('race_slot')");
                run(cleanup, "DROP PUBLICATION race_pub");
                run(cleanup, "DROP TABLE race");
            }
        }
    }

    /** The copy as zero-cache's copy workers take it: a read-only transaction on the exported snapshot. */
    private static Map<Integer, Integer> copy(Connection copier, String snapshot) throws Exception {
        run(copier, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        run(copier, "SET TRANSACTION SNAPSHOT '" + snapshot + "'");
        StringWriter text = new StringWriter();
        new CopyManager(copier.unwrap(org.postgresql.core.BaseConnection.class))
                .copyOut("COPY (SELECT \"id\",\"v\" FROM \"public\".\"race\" ) TO STDOUT", text);
        run(copier, "COMMIT");
        Map<Integer, Integer> rows = new TreeMap<>();
        for (String line : text.toString().split("\n")) {
            String[] fields = line.split("\t");
            rows.put(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]));
        }
        assertEquals(140, rows.size(), "the copy sees the table as it was when it read it");
        return rows;
    }

    private static void apply(PgOutputDecoder.Decoded change, Map<Integer, Integer> replica) {
        if (change instanceof PgOutputDecoder.Insert insert) {
            int id = Integer.parseInt(insert.newTuple().get(0));
            assertFalse(replica.containsKey(id), "row " + id + " came in the copy and again in the stream");
            replica.put(id, Integer.parseInt(insert.newTuple().get(1)));
        } else if (change instanceof PgOutputDecoder.Update update) {
            int id = Integer.parseInt(update.newTuple().get(0));
            assertTrue(replica.containsKey(id), "an update of row " + id + ", which the replica never got");
            replica.put(id, Integer.parseInt(update.newTuple().get(1)));
        } else if (change instanceof PgOutputDecoder.Delete delete) {
            int id = Integer.parseInt(delete.oldTuple().get(0));
            assertTrue(replica.containsKey(id), "a delete of row " + id + ", which the replica never got");
            replica.remove(id);
        }
    }

    private static Map<Integer, Integer> rows(Connection connection) throws Exception {
        Map<Integer, Integer> rows = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, v FROM race")) {
            while (result.next()) {
                rows.put(result.getInt(1), result.getInt(2));
            }
        }
        return rows;
    }
}
