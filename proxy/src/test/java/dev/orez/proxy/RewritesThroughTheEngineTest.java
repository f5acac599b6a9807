package dev.orez.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rewrite rules on the real engine, through both protocols: pgjdbc's simple query mode sends Query
 * messages, its default mode with prepareThreshold=1 sends Parse/Bind/Execute with named statements.
 */
class RewritesThroughTheEngineTest {
    private static Connection connect(String queryMode) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", Engines.USER);
        properties.setProperty("password", Engines.PASSWORD);
        properties.setProperty("prepareThreshold", "1");
        properties.setProperty("preferQueryMode", queryMode);
        return DriverManager.getConnection(Engines.url("postgres"), properties);
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            assertTrue(rows.next(), sql);
            return rows.getString(1);
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void versionAndWalLevel(String mode) throws Exception {
        try (Connection connection = connect(mode)) {
            assertTrue(single(connection, "SELECT version()").startsWith("PostgreSQL 18."));
            assertEquals("logical", single(connection, "SELECT current_setting('wal_level')"));
            assertEquals(180000, connection.getMetaData().getDatabaseMajorVersion() * 10000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void transactionModesAndSnapshotsAreAccepted(String mode) throws Exception {
        try (Connection connection = connect(mode)) {
            run(connection, "CREATE TABLE IF NOT EXISTS modes_" + mode + " (x int)");
            run(connection, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            run(connection, "INSERT INTO modes_" + mode + " VALUES (1)");
            run(connection, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            run(connection, "COMMIT");
            run(connection, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            assertEquals("read committed", single(connection, "SHOW default_transaction_isolation"));
            assertEquals("1", single(connection, "SELECT count(*) FROM modes_" + mode));
            run(connection, "ALTER ROLE \"user\" WITH REPLICATION");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void anUnknownSnapshotIsRefusedAsPostgresDoes(String mode) throws Exception {
        try (Connection connection = connect(mode)) {
            run(connection, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            SQLException refused = assertThrows(
                    SQLException.class, () -> run(connection, "SET TRANSACTION SNAPSHOT '00000003-0000FFFF-1'"));
            assertEquals("22023", refused.getSQLState());
            run(connection, "ROLLBACK");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void slotQueriesReadOrezsSlots(String mode) throws Exception {
        try (Connection connection = connect(mode)) {
            assertEquals(
                    "0",
                    single(connection, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'no_such_slot'"));
            assertEquals(
                    "0",
                    single(
                            connection,
                            "SELECT count(*) FROM (SELECT pg_terminate_backend(active_pid) as terminated,"
                                    + " active_pid as pid FROM pg_replication_slots WHERE slot_name = 'no_such') s"));
            SQLException missing = assertThrows(
                    SQLException.class, () -> single(connection, "SELECT pg_drop_replication_slot('no_such_slot')"));
            assertEquals("42704", missing.getSQLState());
        }
    }
}
