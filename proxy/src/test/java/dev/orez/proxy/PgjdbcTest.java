package dev.orez.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/** pgjdbc through the proxy, with server-side prepared statements from the first execution. */
class PgjdbcTest {
    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            return rows.getString(1);
        }
    }

    @Test
    void aQueryAndAPreparedStatement() throws Exception {
        try (Connection connection = Engines.connect()) {
            assertEquals("2", single(connection, "SELECT 1 + 1"));
            try (PreparedStatement statement = connection.prepareStatement("SELECT ?::int * 2")) {
                for (int i = 0; i < 5; i++) {
                    statement.setInt(1, i);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        assertEquals(i * 2, rows.getInt(1));
                    }
                }
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedWith28P01() {
        Properties properties = new Properties();
        properties.setProperty("user", Engines.USER);
        properties.setProperty("password", "wrong");
        PSQLException refused = assertThrows(
                PSQLException.class, () -> java.sql.DriverManager.getConnection(Engines.url("postgres"), properties));
        assertEquals("28P01", refused.getSQLState());
    }

    @Test
    void eachDatabaseNameHasItsOwnEngineAndUnknownNamesGoToPostgres() throws Exception {
        try (Connection cvr = Engines.connect("zero_cvr");
                Connection postgres = Engines.connect("postgres");
                Connection other = Engines.connect("some_app")) {
            cvr.createStatement().execute("CREATE TABLE IF NOT EXISTS only_in_cvr (x int)");
            postgres.createStatement().execute("CREATE TABLE IF NOT EXISTS only_in_postgres (x int)");
            assertEquals("1", single(cvr, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_cvr'"));
            assertEquals("0", single(postgres, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_cvr'"));
            assertEquals("1", single(other, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_postgres'"));
        }
    }

    @Test
    void eightClientsWithTheSameStatementNamesNeverSeeEachOthersRows() throws Exception {
        try (Connection setup = Engines.connect()) {
            setup.createStatement()
                    .execute("CREATE TABLE IF NOT EXISTS jdbc_crosstalk (client int, n int, payload text)");
            setup.createStatement().execute("DELETE FROM jdbc_crosstalk");
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int client = 0; client < 8; client++) {
            int id = client;
            results.add(clients.submit(() -> insertAndReadBack(id, 300)));
        }
        for (Future<Integer> result : results) {
            assertEquals(300, result.get(5, TimeUnit.MINUTES));
        }
        clients.shutdown();
        try (Connection check = Engines.connect()) {
            assertEquals("2400", single(check, "SELECT count(*) FROM jdbc_crosstalk"));
        }
    }

    /** Every client's statements are pgjdbc's S_1, S_2: the same names on the same engine session. */
    private static int insertAndReadBack(int client, int rounds) throws SQLException {
        int matched = 0;
        try (Connection connection = Engines.connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO jdbc_crosstalk VALUES (?, ?, ?)");
                PreparedStatement select =
                        connection.prepareStatement("SELECT payload FROM jdbc_crosstalk WHERE client = ? AND n = ?")) {
            for (int n = 0; n < rounds; n++) {
                String payload = "client " + client + " row " + n;
                insert.setInt(1, client);
                insert.setInt(2, n);
                insert.setString(3, payload);
                insert.executeUpdate();
                select.setInt(1, client);
                select.setInt(2, n);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next() && rows.getString(1).equals(payload) && !rows.next()) {
                        matched++;
                    }
                }
            }
        }
        return matched;
    }

    @Test
    void aTransactionIsNotSeenOrBrokenByOtherClientsUntilItCommits() throws Exception {
        try (Connection writer = Engines.connect();
                Connection reader = Engines.connect()) {
            writer.createStatement().execute("CREATE TABLE IF NOT EXISTS isolated (x int)");
            writer.createStatement().execute("DELETE FROM isolated");
            writer.setAutoCommit(false);
            writer.createStatement().execute("INSERT INTO isolated VALUES (1)");
            Future<String> read =
                    Executors.newSingleThreadExecutor().submit(() -> single(reader, "SELECT count(*) FROM isolated"));
            Thread.sleep(300);
            assertTrue(!read.isDone(), "the reader must wait for the writer's transaction, not run inside it");
            writer.createStatement().execute("INSERT INTO isolated VALUES (2)");
            writer.commit();
            assertEquals("2", read.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aClientThatDiesMidTransactionIsRolledBackAndOthersGoOn() throws Exception {
        try (Connection setup = Engines.connect()) {
            setup.createStatement().execute("CREATE TABLE IF NOT EXISTS abandoned (x int)");
            setup.createStatement().execute("DELETE FROM abandoned");
        }
        Connection dying = Engines.connect();
        dying.setAutoCommit(false);
        dying.createStatement().execute("INSERT INTO abandoned VALUES (1)");
        dying.unwrap(org.postgresql.PGConnection.class);
        ((org.postgresql.core.BaseConnection) dying).getQueryExecutor().abort(); // the socket just closes
        try (Connection survivor = Engines.connect()) {
            assertEquals("0", single(survivor, "SELECT count(*) FROM abandoned"));
        }
    }

    @Test
    void anAbortedTransactionOfOneClientDoesNotPoisonAnother() throws Exception {
        try (Connection failing = Engines.connect();
                Connection other = Engines.connect()) {
            failing.setAutoCommit(false);
            assertThrows(SQLException.class, () -> failing.createStatement().execute("SELECT 1/0"));
            Future<String> read = Executors.newSingleThreadExecutor().submit(() -> single(other, "SELECT 7"));
            Thread.sleep(200);
            failing.rollback();
            assertEquals("7", read.get(30, TimeUnit.SECONDS));
            failing.setAutoCommit(true);
            assertEquals("1", single(failing, "SELECT 1"));
        }
    }

    @Test
    void sessionSettingsStayWithTheConnectionThatMadeThem() throws Exception {
        try (Connection changer = Engines.connect();
                Connection bystander = Engines.connect()) {
            changer.createStatement().execute("SET search_path = pg_catalog");
            changer.createStatement().execute("SET statement_timeout = '12s'");
            assertEquals("0", single(bystander, "SHOW statement_timeout"));
            assertEquals("public", single(bystander, "SHOW search_path"));
            assertEquals("12s", single(changer, "SHOW statement_timeout"));
            assertEquals("pg_catalog", single(changer, "SHOW search_path"));
            assertEquals("0", single(bystander, "SHOW statement_timeout"));
        }
    }

    @Test
    void cancelStopsARunningStatementWith57014() throws Exception {
        try (Connection connection = Engines.connect();
                Statement statement = connection.createStatement()) {
            Executors.newSingleThreadScheduledExecutor()
                    .schedule(
                            () -> {
                                statement.cancel();
                                return null;
                            },
                            500,
                            TimeUnit.MILLISECONDS);
            SQLException cancelled = assertThrows(SQLException.class, () -> statement.execute("SELECT pg_sleep(30)"));
            assertEquals("57014", cancelled.getSQLState());
            assertEquals("1", single(connection, "SELECT 1"));
        }
    }

    @Test
    void statementTimeoutWorksThroughTheProxy() throws Exception {
        try (Connection connection = Engines.connect()) {
            connection.createStatement().execute("SET statement_timeout = '100ms'");
            SQLException timedOut = assertThrows(
                    SQLException.class, () -> connection.createStatement().execute("SELECT pg_sleep(5)"));
            assertEquals("57014", timedOut.getSQLState());
        }
    }

    @Test
    void anIdleTransactionHoldingUpOthersIsEndedAndRolledBack() throws Exception {
        try (Connection setup = Engines.connect()) {
            setup.createStatement().execute("CREATE TABLE IF NOT EXISTS idle_held (x int)");
            setup.createStatement().execute("DELETE FROM idle_held");
        }
        try (Connection idle = Engines.connect();
                Connection waiting = Engines.connect()) {
            idle.setAutoCommit(false);
            idle.createStatement().execute("INSERT INTO idle_held VALUES (1)");
            long start = System.nanoTime();
            assertEquals("0", single(waiting, "SELECT count(*) FROM idle_held"));
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMs >= Engines.IDLE_IN_TRANSACTION_TIMEOUT.toMillis() - 100, "waited " + waitedMs);
            SQLException ended = assertThrows(
                    SQLException.class, () -> idle.createStatement().execute("SELECT 1"));
            assertTrue(
                    ended.getSQLState().startsWith("08") || "25P03".equals(ended.getSQLState()), ended.getSQLState());
        }
    }
}
