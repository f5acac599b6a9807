package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.cli.zero.ReplicaLockFiles.Outcome;
import dev.orez.sqlite.WasmSqlite;
import dev.orez.sqlite.WasmStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplicaLockFilesTest {
    @TempDir
    Path dir;

    private Path replica;

    @BeforeEach
    void name() {
        replica = dir.resolve("zero-replica.db");
    }

    @Test
    void aCleanlyClosedReplicaIsKept() throws Exception {
        Files.writeString(replica, "pages");

        assertEquals(Outcome.REPLICA_KEPT, ReplicaLockFiles.clearBeforeStart(replica));

        assertEquals("pages", Files.readString(replica));
    }

    @Test
    void aReplicaTheWebAssemblySqliteLeftOpenIsClosedAndKept() throws Exception {
        // What zero-cache's replicator leaves: a wal2 replica whose last connection was never closed. The files are
        // copied while a connection is open; the copy's markers name a process that is gone.
        Path live = Files.createDirectory(dir.resolve("live")).resolve("zero-replica.db");
        try (WasmSqlite writer = WasmSqlite.open(live)) {
            writer.exec("PRAGMA journal_mode=wal2; CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2)");
            for (String suffix : List.of("", "-wal", "-wal2", "-shm")) {
                Path file = live.resolveSibling(live.getFileName() + suffix);
                if (Files.exists(file)) {
                    Files.copy(file, dir.resolve("zero-replica.db" + suffix));
                }
            }
        }
        assertTrue(Files.size(dir.resolve("zero-replica.db-wal")) > 0, "the rows are in the WAL");
        Path locks = Files.createDirectory(dir.resolve("zero-replica.db-locks"));
        Files.createFile(locks.resolve("shared.s." + Integer.MAX_VALUE + "-00000000000000aa"));

        assertEquals(Outcome.REPLICA_KEPT, ReplicaLockFiles.clearBeforeStart(replica));

        assertFalse(Files.exists(locks));
        for (String suffix : List.of("-wal", "-wal2", "-shm")) {
            assertFalse(Files.exists(dir.resolve("zero-replica.db" + suffix)), suffix);
        }
        try (WasmSqlite reader = WasmSqlite.open(replica);
                WasmStatement count = reader.prepare("SELECT count(*) FROM t")) {
            assertTrue(count.step());
            assertEquals(2, count.getLong(0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-wal", "-shm", "-wal2"})
    void aLeftoverSiblingMeansAnUncleanShutdownSoTheReplicaGoesToo(String suffix) throws Exception {
        Files.writeString(replica, "pages");
        Path sibling = Files.writeString(dir.resolve("zero-replica.db" + suffix), "frames");

        assertEquals(Outcome.REMOVED_AFTER_UNCLEAN_SHUTDOWN, ReplicaLockFiles.clearBeforeStart(replica));

        assertFalse(Files.exists(sibling));
        assertFalse(Files.exists(replica));
    }

    @Test
    void allSiblingsAreRemoved() throws Exception {
        Files.writeString(replica, "pages");
        for (String suffix : new String[] {"-wal", "-shm", "-wal2"}) {
            Files.writeString(dir.resolve("zero-replica.db" + suffix), "x");
        }

        ReplicaLockFiles.clearBeforeStart(replica);

        try (var left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void siblingsWithoutAReplicaAreRemoved() throws Exception {
        Path shm = Files.writeString(dir.resolve("zero-replica.db-shm"), "x");

        assertEquals(Outcome.REMOVED_AFTER_UNCLEAN_SHUTDOWN, ReplicaLockFiles.clearBeforeStart(replica));

        assertFalse(Files.exists(shm));
    }

    @Test
    void anEmptyReplicaIsDeleted() throws Exception {
        Files.createFile(replica);

        assertEquals(Outcome.REMOVED_EMPTY_REPLICA, ReplicaLockFiles.clearBeforeStart(replica));

        assertFalse(Files.exists(replica));
    }

    @Test
    void nothingThereIsFine() throws Exception {
        assertEquals(Outcome.NOTHING_THERE, ReplicaLockFiles.clearBeforeStart(replica));
    }

    @Test
    void otherFilesInTheDataDirectoryAreLeftAlone() throws Exception {
        Files.writeString(dir.resolve("zero-replica.db-wal"), "x");
        Path other = Files.writeString(dir.resolve("orez.pid"), "123");
        Path otherWal = Files.writeString(dir.resolve("other.db-wal"), "x");

        ReplicaLockFiles.clearBeforeStart(replica);

        assertTrue(Files.exists(other));
        assertTrue(Files.exists(otherWal));
    }
}
