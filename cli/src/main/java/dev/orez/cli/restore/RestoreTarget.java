package dev.orez.cli.restore;

import java.util.Iterator;
import java.util.Set;

/**
 * The database a dump is restored into, as one session in autocommit: a statement outside BEGIN/COMMIT is
 * its own transaction. A statement the server rejects throws {@link RestoreSqlException} and leaves the
 * session usable; any other exception means the target cannot go on (connection lost, engine failed).
 */
public interface RestoreTarget {
    /** Runs one statement, ignoring any rows it returns. */
    void execute(String sql);

    /**
     * Runs {@code copyStatement} ({@code COPY … FROM stdin}) and sends {@code rows} as its data, each row
     * one line of COPY text without its line terminator. An exception from {@code rows} aborts the COPY
     * (nothing of it is kept) and is rethrown.
     *
     * @return the number of rows the server copied
     */
    long copyIn(String copyStatement, Iterator<String> rows);

    /**
     * Asks the server to write a checkpoint, so its write-ahead log can be recycled (PGlite has no checkpointer).
     * Best effort: a server that refuses (a real one needs superuser or pg_checkpoint) is no worse off.
     */
    default void checkpoint() {
        try {
            execute("CHECKPOINT");
        } catch (RestoreSqlException e) {
            // see above
        }
    }

    /** The names in {@code pg_available_extensions}: what {@code CREATE EXTENSION} can install here. */
    Set<String> availableExtensions();
}
