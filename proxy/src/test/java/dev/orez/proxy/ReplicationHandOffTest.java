package dev.orez.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.PGProperty;

/** A {@code replication=database} connection reaches the configured walsender, which can run SQL. */
class ReplicationHandOffTest {
    @Test
    void aReplicationConnectionIsHandedToTheWalSender() throws Exception {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, Engines.USER);
        PGProperty.PASSWORD.set(properties, Engines.PASSWORD);
        PGProperty.REPLICATION.set(properties, "database");
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "15");
        try (Connection replication = DriverManager.getConnection(Engines.url("postgres"), properties);
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
