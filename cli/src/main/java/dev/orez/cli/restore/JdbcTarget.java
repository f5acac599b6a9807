package dev.orez.cli.restore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Restores over a pgjdbc connection: to a running orez through its Postgres proxy, or to any Postgres.
 * Statements run in autocommit (the restore sends its own BEGIN and COMMIT); COPY data goes with
 * pgjdbc's {@link CopyManager}. The connection stays the caller's to close.
 */
public final class JdbcTarget implements RestoreTarget {
    private static final int COPY_DATA_BYTES = 1 << 20;
    /** SQLSTATE class 08: the connection is gone, so no later statement can succeed either. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private final Statement statement;
    private final CopyManager copies;

    public JdbcTarget(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        this.statement = connection.createStatement();
        // the dump's text goes to the server untouched: no JDBC escapes such as {fn …} or {d '…'}
        this.statement.setEscapeProcessing(false);
        this.copies = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    @Override
    public void execute(String sql) {
        try {
            statement.execute(sql);
            // notices pile up as warnings on the statement; millions of statements would keep them all
            statement.clearWarnings();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public long copyIn(String copyStatement, Iterator<String> rows) {
        CopyIn copy = null;
        try {
            copy = copies.copyIn(copyStatement);
            RowBlocks blocks = new RowBlocks(rows, COPY_DATA_BYTES);
            for (byte[] block = blocks.next(); block != null; block = blocks.next()) {
                copy.writeToCopy(block, 0, block.length);
            }
            return copy.endCopy();
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            if (copy != null && copy.isActive()) {
                cancelQuietly(copy);
            }
        }
    }

    @Override
    public Set<String> availableExtensions() {
        Set<String> names = new HashSet<>();
        try (ResultSet rows = statement.executeQuery("SELECT name FROM pg_available_extensions")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void cancelQuietly(CopyIn copy) {
        try {
            copy.cancelCopy();
        } catch (SQLException e) {
            // the server's answer to the cancel is "COPY canceled": the reason is already on its way out
        }
    }

    /** A server error as a {@link RestoreSqlException}; a lost connection as an exception that ends the restore. */
    private static RuntimeException failure(SQLException e) {
        String state = e.getSQLState() == null ? "XX000" : e.getSQLState();
        if (state.startsWith(CONNECTION_EXCEPTION_CLASS)) {
            return new IllegalStateException("lost the connection to the database: " + e.getMessage(), e);
        }
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server == null) {
            return new RestoreSqlException(state, String.valueOf(e.getMessage()), "", "");
        }
        return new RestoreSqlException(
                state, server.getMessage(), orEmpty(server.getDetail()), orEmpty(server.getWhere()));
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
