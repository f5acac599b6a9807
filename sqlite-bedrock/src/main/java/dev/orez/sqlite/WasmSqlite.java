package dev.orez.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A connection to an SQLite database file on the host file system, run by SQLite's bedrock branch compiled to
 * WebAssembly. Each connection owns its own module instance, which sees only the database file's directory.
 *
 * <p>Locking: WASI has no advisory file locks and no shared memory, so the module's own VFS ({@code orez}, in
 * {@code wasm-build/sqlite/src/main/c}) takes locks as marker files in {@code <db>-locks/} and keeps the WAL index in
 * the {@code <db>-shm} file; connections in other instances, threads or processes (zero-cache's workers in Node) share
 * the database as they would with native SQLite, in WAL and WAL2 mode too. One connection is not thread-safe.
 */
public final class WasmSqlite implements AutoCloseable {
    private static final String GUEST_DIRECTORY = "/db";
    private static final int OPEN_READWRITE = 0x2;
    private static final int OPEN_CREATE = 0x4;

    private final SqliteApi api;
    private final int db;

    private WasmSqlite(SqliteApi api, int db) {
        this.api = api;
        this.db = db;
    }

    /** Opens or creates the database file; its directory must exist. */
    public static WasmSqlite open(Path file) {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no directory for the database file " + file);
        }
        SqliteApi api = new SqliteApi(GUEST_DIRECTORY, directory);
        int name = api.cString(GUEST_DIRECTORY + "/" + absolute.getFileName());
        int handleSlot = api.allocate(4);
        try {
            int rc = api.callInt("sqlite3_open_v2", name, handleSlot, OPEN_READWRITE | OPEN_CREATE, 0);
            int db = api.readPointer(handleSlot);
            if (rc != SqliteApi.OK) {
                SqliteException failure =
                        new SqliteException(rc, db == 0 ? "cannot open " + file : errorMessage(api, db));
                api.call("sqlite3_close_v2", db);
                api.close();
                throw failure;
            }
            api.call("sqlite3_busy_timeout", db, 5_000);
            return new WasmSqlite(api, db);
        } finally {
            api.free(name);
            api.free(handleSlot);
        }
    }

    /** Runs one or more statements, discarding any rows. */
    public void exec(String sql) {
        int text = api.cString(sql);
        int errorSlot = api.allocate(4);
        try {
            api.writePointer(errorSlot, 0);
            int rc = api.callInt("sqlite3_exec", db, text, 0, 0, errorSlot);
            if (rc != SqliteApi.OK) {
                int message = api.readPointer(errorSlot);
                String detail = message == 0 ? errorMessage(api, db) : api.readCString(message);
                api.call("sqlite3_free", message);
                throw new SqliteException(extendedCode(), detail);
            }
        } finally {
            api.free(text);
            api.free(errorSlot);
        }
    }

    /** Compiles the first statement of {@code sql}. */
    public WasmStatement prepare(String sql) {
        int text = api.cString(sql);
        int statementSlot = api.allocate(4);
        try {
            int rc = api.callInt("sqlite3_prepare_v3", db, text, -1, 0, statementSlot, 0);
            check(rc);
            int statement = api.readPointer(statementSlot);
            if (statement == 0) {
                throw new IllegalArgumentException("no statement in: " + sql);
            }
            return new WasmStatement(this, api, statement);
        } finally {
            api.free(text);
            api.free(statementSlot);
        }
    }

    /** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
    public void busyTimeout(Duration timeout) {
        check(api.callInt("sqlite3_busy_timeout", db, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    /** Rows changed by the last INSERT, UPDATE or DELETE. */
    public long changes() {
        return api.call("sqlite3_changes64", db);
    }

    public long lastInsertRowid() {
        return api.call("sqlite3_last_insert_rowid", db);
    }

    /** False inside an open transaction. */
    public boolean autocommit() {
        return api.callInt("sqlite3_get_autocommit", db) != 0;
    }

    /** The SQLite version of the module, e.g. {@code 3.54.0}. */
    public String version() {
        return api.readCString(api.callInt("sqlite3_libversion"));
    }

    void check(int rc) {
        if (rc != SqliteApi.OK && rc != SqliteApi.ROW && rc != SqliteApi.DONE) {
            throw new SqliteException(extendedCode(), errorMessage(api, db));
        }
    }

    private int extendedCode() {
        return api.callInt("sqlite3_extended_errcode", db);
    }

    private static String errorMessage(SqliteApi api, int db) {
        return api.readCString(api.callInt("sqlite3_errmsg", db));
    }

    /** Closes the database; statements still open go away with the connection's module instance. */
    @Override
    public void close() {
        try {
            api.callInt("sqlite3_close_v2", db);
        } finally {
            api.close();
        }
    }
}
