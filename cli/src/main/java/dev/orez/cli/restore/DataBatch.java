package dev.orez.cli.restore;

import java.util.ArrayList;
import java.util.List;

/**
 * INSERT, UPDATE and DELETE statements (a {@code pg_dump --inserts} dump is made of them) run in
 * transactions of up to {@code dataBatchStatements}, far faster than one commit each. A statement counts
 * as executed only once its transaction committed. When one fails, the transaction is rolled back and its
 * statements are replayed one at a time in autocommit, so only the failing ones are lost.
 */
final class DataBatch {
    private record Pending(String sql, long line) {}

    private final RestoreTarget target;
    private final int maxStatements;
    private final long maxChars;
    private final RestoreTally tally;
    private final Checkpoints checkpoints;
    private final List<Pending> pending = new ArrayList<>();
    private long pendingChars;
    private boolean open;

    DataBatch(RestoreTarget target, RestoreSettings settings, RestoreTally tally, Checkpoints checkpoints) {
        this.target = target;
        this.maxStatements = settings.dataBatchStatements();
        this.maxChars = settings.copyChunkBytes();
        this.tally = tally;
        this.checkpoints = checkpoints;
    }

    void add(String sql, long line) {
        Pending statement = new Pending(sql, line);
        if (!open) {
            target.execute("BEGIN");
            open = true;
        }
        try {
            target.execute(sql);
        } catch (RestoreSqlException e) {
            pending.add(statement);
            rollBackAndReplay();
            return;
        }
        pending.add(statement);
        pendingChars += sql.length();
        if (pending.size() >= maxStatements || pendingChars >= maxChars) {
            commit();
        }
    }

    /** Commits the open transaction, if any; before any other statement, and at the end. */
    void commit() {
        if (!open) {
            return;
        }
        try {
            target.execute("COMMIT");
        } catch (RestoreSqlException e) {
            rollBackAndReplay(); // a deferred constraint failed: find out which statements it was
            return;
        }
        tally.executed(pending.size());
        checkpoints.loaded(pendingChars);
        clear();
    }

    /** Rolls back without counting anything: the restore is stopping. Errors are moot by now. */
    void abandon() {
        if (open) {
            try {
                target.execute("ROLLBACK");
            } catch (RuntimeException e) {
                // the transaction dies with the session if the rollback did not get through
            }
        }
        clear();
    }

    private void rollBackAndReplay() {
        List<Pending> replay = List.copyOf(pending);
        abandon();
        for (Pending statement : replay) {
            if (Thread.currentThread().isInterrupted()) {
                throw new RestoreInterruptedException(); // nothing of the replay was counted yet
            }
            try {
                target.execute(statement.sql());
                tally.executed(1);
            } catch (RestoreSqlException e) {
                tally.failed(statement.sql(), statement.line(), e);
            }
        }
    }

    private void clear() {
        pending.clear();
        pendingChars = 0;
        open = false;
    }
}
