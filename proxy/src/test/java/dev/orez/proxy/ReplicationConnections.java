package dev.orez.proxy;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/** pgjdbc replication connections to a proxy, and pgoutput streams read through them. */
final class ReplicationConnections {
    private ReplicationConnections() {}

    /** A {@code replication=database} connection to the shared test proxy. */
    static Connection open() throws SQLException {
        return open(Engines.url("postgres"));
    }

    static Connection open(String url) throws SQLException {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, Engines.USER);
        PGProperty.PASSWORD.set(properties, Engines.PASSWORD);
        PGProperty.REPLICATION.set(properties, "database");
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "15");
        return DriverManager.getConnection(url, properties);
    }

    /** START_REPLICATION of pgoutput protocol 1 with messages, as zero-cache starts it. */
    static PGReplicationStream stream(Connection replication, String slot, LogSequenceNumber from, String publications)
            throws SQLException {
        return replication
                .unwrap(PGConnection.class)
                .getReplicationAPI()
                .replicationStream()
                .logical()
                .withSlotName(slot)
                .withStartPosition(from)
                .withSlotOption("proto_version", "1")
                .withSlotOption("publication_names", publications)
                .withSlotOption("messages", "true")
                .withStatusInterval(1, TimeUnit.SECONDS)
                .start();
    }

    /** The pgoutput message pgjdbc hands over (it strips the XLogData header). */
    static byte[] bytes(ByteBuffer message) {
        byte[] bytes = new byte[message.remaining()];
        message.duplicate().get(bytes);
        return bytes;
    }

    /**
     * Drops a slot, retrying while it is still active: a stream's slot is let go only once its connection is
     * seen closed, and a left-over slot would pin changes for every later test. {@code mayBeGone}: a slot that
     * does not exist (a test that failed before creating it) is no error.
     */
    static void dropSlot(boolean mayBeGone, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection sql = Engines.connect()) {
            while (true) {
                try {
                    TestSql.run(sql, "SELECT pg_drop_replication_slot('" + name + "')");
                    return;
                } catch (SQLException e) {
                    if (mayBeGone && "42704".equals(e.getSQLState())) {
                        return;
                    }
                    if (!"55006".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(50);
                }
            }
        }
    }
}
