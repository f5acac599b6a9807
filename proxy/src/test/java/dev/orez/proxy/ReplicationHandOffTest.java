package dev.orez.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** A {@code replication=database} connection reaches the configured walsender, which can run SQL. */
class ReplicationHandOffTest {
    @Test
    void aReplicationConnectionIsHandedToTheWalSender() throws Exception {
        try (Connection replication = ReplicationConnections.open();
                Connection regular = Engines.connect()) {
            regular.createStatement().execute("CREATE TABLE IF NOT EXISTS seen_by_walsender (x int)");
            try (ResultSet rows = replication
                    .createStatement()
                    .executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'seen_by_walsender'")) {
                assertTrue(rows.next());
                assertEquals(1, rows.getInt(1));
            }
        }
    }
}
