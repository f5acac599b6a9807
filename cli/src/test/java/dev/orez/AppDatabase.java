package dev.orez;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** SQL over pgjdbc against orez's application database, as an app connects: default user and password. */
public final class AppDatabase {
    private AppDatabase() {}

    public static void execute(int pgPort, String sql) throws SQLException {
        try (Connection connection = connect(pgPort);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of the first row. */
    public static String single(int pgPort, String sql) throws SQLException {
        try (Connection connection = connect(pgPort);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), "no rows: " + sql);
            return rows.getString(1);
        }
    }

    private static Connection connect(int pgPort) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "user", "password");
    }
}
