package dev.orez.cli.db;

import dev.orez.pglite.PGlite;
import dev.orez.replication.wire.Messages;
import dev.orez.replication.wire.QueryResult;
import dev.orez.replication.wire.SqlFailure;
import java.util.Objects;

/**
 * Runs SQL text on one engine during startup: the only place in this package that touches protocol bytes.
 * Each call is one simple Query message, so a script may hold many statements; the first error ends it.
 */
public final class SqlSession {
    private static final int STATEMENT_PREVIEW = 200;

    private final PGlite engine;

    private SqlSession(PGlite engine) {
        this.engine = engine;
    }

    /** Starts a session as user and database {@code postgres} on the engine (harmless if one was started). */
    public static SqlSession open(PGlite engine) {
        Objects.requireNonNull(engine, "engine");
        QueryResult.of(engine.execProtocolRaw(Messages.startup("postgres", "postgres")));
        return new SqlSession(engine);
    }

    /**
     * Runs {@code sql} and returns the rows of its last result set.
     *
     * @throws SqlFailure when the engine answered with an error; its SQLSTATE says which
     */
    public QueryResult query(String sql) {
        return QueryResult.of(engine.execProtocolRaw(Messages.query(sql)));
    }

    /**
     * Runs {@code sql}, turning an SQL error into a {@link StartupStepException} that names {@code source}
     * (a file, or a step) and shows the start of the statement, so the user knows where to look.
     */
    public void run(String source, String sql) {
        try {
            query(sql);
        } catch (SqlFailure e) {
            throw failure(source, sql, e);
        }
    }

    /** The message for an SQL error in {@code source}: what, the engine's words, and the statement. */
    static StartupStepException failure(String source, String sql, SqlFailure e) {
        return new StartupStepException(
                source + " failed: " + e.getMessage() + " (SQLSTATE " + e.sqlState() + ")\n  in: " + preview(sql), e);
    }

    /** A string literal for {@code value}, with standard_conforming_strings on (Postgres's default). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String preview(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= STATEMENT_PREVIEW ? oneLine : oneLine.substring(0, STATEMENT_PREVIEW) + "…";
    }
}
