package dev.orez.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several connections, each in its own module instance (so with its own copy of the WAL index, as zero-cache's worker
 * processes have), on one database file: the orez VFS's marker-file locks and file-backed shared memory must give them
 * what native SQLite gives processes.
 */
class SharedDatabaseTest {
    @TempDir
    Path directory;

    private Path file;
    private WasmSqlite writer;
    private WasmSqlite reader;

    @BeforeEach
    void open() {
        file = directory.resolve("replica.db");
        writer = WasmSqlite.open(file);
        reader = WasmSqlite.open(file);
    }

    @AfterEach
    void close() {
        reader.close();
        writer.close();
    }

    @Test
    void readersSeeCommitsAndKeepTheirSnapshotInWal2() {
        assertEquals(List.of(List.of("wal2")), Rows.of(writer, "PRAGMA journal_mode=wal2"));
        writer.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)");
        assertEquals(List.of(List.of("wal2")), Rows.of(reader, "PRAGMA journal_mode"));
        assertEquals(List.of(List.of(1L)), Rows.of(reader, "SELECT count(*) FROM t"));

        reader.exec("BEGIN");
        assertEquals(List.of(List.of(1L)), Rows.of(reader, "SELECT count(*) FROM t"));
        writer.exec("INSERT INTO t VALUES (2)");
        assertEquals(List.of(List.of(1L)), Rows.of(reader, "SELECT count(*) FROM t"), "the snapshot holds");
        reader.exec("COMMIT");
        assertEquals(List.of(List.of(2L)), Rows.of(reader, "SELECT count(*) FROM t"), "a new snapshot sees it");
    }

    @Test
    void concurrentTransactionsCommitUnlessTheyTouchTheSamePages() {
        writer.exec("PRAGMA journal_mode=wal2; CREATE TABLE a (x INTEGER); CREATE TABLE b (x INTEGER)");
        writer.exec("BEGIN CONCURRENT; INSERT INTO a VALUES (1)");
        reader.exec("BEGIN CONCURRENT; INSERT INTO b VALUES (1)");
        writer.exec("COMMIT");
        reader.exec("COMMIT");
        assertEquals(List.of(List.of(1L, 1L)), Rows.of(reader, "SELECT (SELECT count(*) FROM a), count(*) FROM b"));

        writer.exec("BEGIN CONCURRENT; INSERT INTO a VALUES (2)");
        reader.exec("BEGIN CONCURRENT; INSERT INTO a VALUES (3)");
        writer.exec("COMMIT");
        SqliteException conflict = assertThrows(SqliteException.class, () -> reader.exec("COMMIT"));
        assertEquals(517, conflict.code(), "SQLITE_BUSY_SNAPSHOT: " + conflict.getMessage());
        reader.exec("ROLLBACK");
        assertEquals(List.of(List.of(2L)), Rows.of(reader, "SELECT count(*) FROM a"));
    }

    @Test
    void aReaderInAnotherThreadNeverSeesAHalfDoneTransfer() throws Exception {
        writer.exec("PRAGMA journal_mode=wal2; CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER);"
                + "INSERT INTO account VALUES (1, 1000), (2, 0)");
        int transfers = 200;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> writes = threads.submit(() -> {
                try {
                    for (int i = 0; i < transfers; i++) {
                        writer.exec("BEGIN IMMEDIATE; UPDATE account SET balance = balance - 1 WHERE id = 1;"
                                + "UPDATE account SET balance = balance + 1 WHERE id = 2; COMMIT");
                    }
                } finally {
                    writing.set(false);
                }
            });
            Future<Integer> reads = threads.submit(() -> {
                int checks = 0;
                long lastMoved = 0;
                while (writing.get() || checks == 0) {
                    List<List<Object>> row = Rows.of(
                            reader, "SELECT sum(balance), max(CASE id WHEN 2 THEN balance END)" + " FROM account");
                    assertEquals(1000L, row.get(0).get(0), "money appeared or vanished");
                    long moved = (Long) row.get(0).get(1);
                    assertTrue(moved >= lastMoved, "a reader went back in time: " + moved + " < " + lastMoved);
                    lastMoved = moved;
                    checks++;
                }
                return checks;
            });
            writes.get();
            assertTrue(reads.get() > 0);
        } finally {
            threads.shutdownNow();
        }
        assertEquals(List.of(List.of((long) transfers)), Rows.of(reader, "SELECT balance FROM account WHERE id = 2"));
        assertEquals(List.of(List.of("ok")), Rows.of(reader, "PRAGMA integrity_check"));
    }

    @Test
    void aLockHeldByALiveOwnerMakesOthersWaitAndALockOfADeadProcessDoesNot() throws IOException {
        writer.exec("CREATE TABLE t (x INTEGER)");
        Path locks = directory.resolve("replica.db-locks");
        assertTrue(Files.isDirectory(locks), "locks live beside the database");

        // This process's pid: the owner counts as alive, so its exclusive lock blocks the writer.
        Path live = locks.resolve("reserved.x." + ProcessHandle.current().pid() + "-00000000000000aa");
        Files.createFile(live);
        writer.busyTimeout(Duration.ofMillis(50));
        SqliteException busy = assertThrows(SqliteException.class, () -> writer.exec("INSERT INTO t VALUES (1)"));
        assertEquals(5, busy.code() & 0xff, "SQLITE_BUSY: " + busy.getMessage());
        Files.delete(live);

        // A pid no process has: the marker is stale and is cleared by the next writer.
        Path stale = locks.resolve("reserved.x." + Integer.MAX_VALUE + "-00000000000000bb");
        Files.createFile(stale);
        writer.exec("INSERT INTO t VALUES (1)");
        assertFalse(Files.exists(stale));
        assertEquals(List.of(List.of(1L)), Rows.of(reader, "SELECT count(*) FROM t"));
    }
}
