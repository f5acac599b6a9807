package dev.orez.cli.zero;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.sqlite.SqliteException;
import dev.orez.sqlite.WasmSqlite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tidies zero-cache's SQLite replica before the first launch. The replica is kept across runs so zero-cache need
 * not copy every table again, but its {@code -wal}, {@code -shm} and {@code -wal2} siblings only outlive a
 * zero-cache that did not shut down cleanly: then the replica may not match them, and a replica zero-cache
 * cannot open makes it crash at every start. So the siblings always go, and the replica goes with them when any
 * was there, or when it is empty (a crash before the first write); zero-cache then rebuilds it from Postgres.
 *
 * <p>A {@code -locks/} directory shows the last zero-cache ran on orez's WebAssembly SQLite. Its replicator keeps
 * one connection in a worker thread that is never closed (the native addon closes it from a C++ clean-up hook, which
 * JavaScript cannot do), so even a clean stop leaves the siblings behind. orez then does what that last close would
 * have done: it opens and closes the replica with the same SQLite, which recovers the WAL, checkpoints it and removes
 * the siblings, and the replica is kept. Only if that fails does the rule above apply.
 */
public final class ReplicaLockFiles {
    /** What the clean-up found. */
    enum Outcome {
        /** No replica and no siblings: a first run, or the replica was removed by hand. */
        NOTHING_THERE,
        /** A cleanly closed replica, left for zero-cache to reuse. */
        REPLICA_KEPT,
        /** Siblings of an unclean shutdown were there; they and the replica were deleted. */
        REMOVED_AFTER_UNCLEAN_SHUTDOWN,
        /** The replica was empty and was deleted. */
        REMOVED_EMPTY_REPLICA
    }

    private static final Log LOG = Log.of(Component.ZERO);
    private static final List<String> SIBLING_SUFFIXES = List.of("-wal", "-shm", "-wal2");
    /** The directory of lock markers the WebAssembly SQLite's VFS keeps beside a database. */
    private static final String LOCKS_SUFFIX = "-locks";

    private ReplicaLockFiles() {}

    /** Deletes the replica and its siblings: zero-cache then builds a new one from the upstream database. */
    public static void deleteReplica(Path replica) throws IOException {
        deleteLockMarkers(replica);
        for (String suffix : SIBLING_SUFFIXES) {
            Files.deleteIfExists(replica.resolveSibling(replica.getFileName() + suffix));
        }
        if (Files.deleteIfExists(replica)) {
            LOG.info("deleted zero-cache's replica " + replica + "; it syncs a new one");
        }
    }

    static Outcome clearBeforeStart(Path replica) throws IOException {
        if (Files.isDirectory(locksOf(replica))) {
            closeAfterWebAssemblySqlite(replica);
            deleteLockMarkers(replica);
        }
        boolean uncleanShutdown = false;
        for (String suffix : SIBLING_SUFFIXES) {
            uncleanShutdown |= Files.deleteIfExists(replica.resolveSibling(replica.getFileName() + suffix));
        }
        if (uncleanShutdown) {
            Files.deleteIfExists(replica);
            LOG.info("zero-cache did not shut down cleanly last time; rebuilding its replica " + replica);
            return Outcome.REMOVED_AFTER_UNCLEAN_SHUTDOWN;
        }
        if (!Files.exists(replica)) {
            return Outcome.NOTHING_THERE;
        }
        if (Files.size(replica) == 0) {
            Files.delete(replica);
            LOG.debug("deleted empty replica " + replica);
            return Outcome.REMOVED_EMPTY_REPLICA;
        }
        LOG.debug("keeping replica " + replica);
        return Outcome.REPLICA_KEPT;
    }

    private static void closeAfterWebAssemblySqlite(Path replica) {
        if (!Files.isRegularFile(replica)) {
            return;
        }
        try (WasmSqlite db = WasmSqlite.open(replica)) {
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SqliteException e) {
            LOG.warn("could not close zero-cache's replica " + replica + " after the WebAssembly SQLite: "
                    + e.getMessage());
        }
    }

    private static Path locksOf(Path replica) {
        return replica.resolveSibling(replica.getFileName() + LOCKS_SUFFIX);
    }

    private static void deleteLockMarkers(Path replica) throws IOException {
        DirectoryTrees.delete(locksOf(replica));
    }
}
