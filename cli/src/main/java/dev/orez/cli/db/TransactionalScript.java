package dev.orez.cli.db;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.replication.wire.SqlFailure;
import java.util.List;

/**
 * Applies a file's statements and the statement that records them as one unit: both or neither.
 *
 * <p>The original orez ran migration statements one by one with no transaction, so a failure half-way left a
 * half-applied file that was not recorded, and the next start ran its first statements again and failed on
 * them. Here the pieces and the bookkeeping run between BEGIN and COMMIT; on an error everything of that file
 * is rolled back. Some statements refuse to run in a transaction block ({@code CREATE INDEX CONCURRENTLY},
 * {@code VACUUM}, {@code CREATE DATABASE}, …) with SQLSTATE 25001; such a file is
 * rolled back and run again statement by statement as the original did, without the all-or-nothing promise.
 * A file that issues its own COMMIT ends our transaction early; what follows it then runs outside one.
 */
final class TransactionalScript {
    /** active_sql_transaction: "… cannot run inside a transaction block". */
    static final String CANNOT_RUN_IN_TRANSACTION = "25001";

    private static final Log LOG = Log.of(Component.PG);

    /** How the file was applied. */
    enum Outcome {
        IN_ONE_TRANSACTION,
        STATEMENT_BY_STATEMENT
    }

    private TransactionalScript() {}

    /**
     * Runs {@code pieces} in order, then {@code bookkeeping}.
     *
     * @param source names the file in error messages ("migration 0001_init.sql")
     * @throws StartupStepException on an SQL error, naming {@code source} and the statement
     */
    static Outcome apply(SqlSession db, String source, List<String> pieces, String bookkeeping) {
        try {
            runInTransaction(db, source, pieces, bookkeeping);
            return Outcome.IN_ONE_TRANSACTION;
        } catch (NotInATransactionBlock e) {
            LOG.debug(source + " cannot run in a transaction block (" + e.getMessage()
                    + "); running it statement by statement");
            runEach(db, source, pieces, bookkeeping);
            return Outcome.STATEMENT_BY_STATEMENT;
        }
    }

    private static void runInTransaction(SqlSession db, String source, List<String> pieces, String bookkeeping) {
        db.run(source, "BEGIN");
        String current = bookkeeping;
        try {
            for (String piece : pieces) {
                current = piece;
                db.query(piece);
            }
            current = bookkeeping;
            db.query(bookkeeping);
            current = "COMMIT";
            db.query("COMMIT");
        } catch (SqlFailure e) {
            rollback(db, e);
            if (CANNOT_RUN_IN_TRANSACTION.equals(e.sqlState())) {
                throw new NotInATransactionBlock(e.getMessage());
            }
            throw SqlSession.failure(source, current, e);
        }
    }

    private static void runEach(SqlSession db, String source, List<String> pieces, String bookkeeping) {
        for (String piece : pieces) {
            db.run(source, piece);
        }
        db.run(source, bookkeeping);
    }

    /** Ends the failed transaction; a COMMIT that failed has already ended it, and ROLLBACK then only warns. */
    private static void rollback(SqlSession db, SqlFailure cause) {
        try {
            db.query("ROLLBACK");
        } catch (SqlFailure e) {
            cause.addSuppressed(e);
        }
    }

    /** The file needs to run outside a transaction block; thrown after the rollback. */
    private static final class NotInATransactionBlock extends RuntimeException {
        NotInATransactionBlock(String message) {
            super(message, null, false, false);
        }
    }
}
