package dev.orez.sqlite;

import java.nio.charset.StandardCharsets;

/**
 * A prepared statement. Parameters and columns are numbered as in SQLite's C API: parameters from 1, columns from 0.
 * Values are read after {@link #step()} returned true, with the getter of the column's {@link ColumnType} (other
 * getters convert as SQLite does).
 */
public final class WasmStatement implements AutoCloseable {
    private final WasmSqlite connection;
    private final SqliteApi api;
    private int statement;

    WasmStatement(WasmSqlite connection, SqliteApi api, int statement) {
        this.connection = connection;
        this.api = api;
        this.statement = statement;
    }

    public WasmStatement bindLong(int index, long value) {
        connection.check(api.callInt("sqlite3_bind_int64", handle(), index, value));
        return this;
    }

    public WasmStatement bindDouble(int index, double value) {
        connection.check(api.callInt("sqlite3_bind_double", handle(), index, Double.doubleToRawLongBits(value)));
        return this;
    }

    /** A Java null binds SQL NULL. */
    public WasmStatement bindText(int index, String value) {
        if (value == null) {
            return bindNull(index);
        }
        connection.check(api.bindBytes("sqlite3_bind_text", handle(), index, value.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** A Java null binds SQL NULL; an empty array binds an empty blob. */
    public WasmStatement bindBlob(int index, byte[] value) {
        if (value == null) {
            return bindNull(index);
        }
        connection.check(api.bindBytes("sqlite3_bind_blob", handle(), index, value));
        return this;
    }

    public WasmStatement bindNull(int index) {
        connection.check(api.callInt("sqlite3_bind_null", handle(), index));
        return this;
    }

    /** Runs the statement to its next row: true when a row is ready to read, false when it is done. */
    public boolean step() {
        int rc = api.callInt("sqlite3_step", handle());
        connection.check(rc);
        return rc == SqliteApi.ROW;
    }

    /** Makes the statement runnable again; bindings are kept. */
    public void reset() {
        connection.check(api.callInt("sqlite3_reset", handle()));
    }

    public int columnCount() {
        return api.callInt("sqlite3_column_count", handle());
    }

    public String columnName(int column) {
        return api.readCString(api.callInt("sqlite3_column_name", handle(), column));
    }

    public ColumnType columnType(int column) {
        return ColumnType.of(api.callInt("sqlite3_column_type", handle(), column));
    }

    public long getLong(int column) {
        return api.call("sqlite3_column_int64", handle(), column);
    }

    public double getDouble(int column) {
        return Double.longBitsToDouble(api.call("sqlite3_column_double", handle(), column));
    }

    /** Null for SQL NULL. */
    public String getText(int column) {
        int pointer = api.callInt("sqlite3_column_text", handle(), column);
        if (pointer == 0) {
            return null;
        }
        // Byte count after the text conversion, as SQLite's documentation prescribes for this order of calls.
        int length = api.callInt("sqlite3_column_bytes", handle(), column);
        return new String(api.read(pointer, length), StandardCharsets.UTF_8);
    }

    /** Null for SQL NULL; an empty array for an empty blob. */
    public byte[] getBlob(int column) {
        if (columnType(column) == ColumnType.NULL) {
            return null;
        }
        int pointer = api.callInt("sqlite3_column_blob", handle(), column);
        int length = api.callInt("sqlite3_column_bytes", handle(), column);
        return api.read(pointer, length);
    }

    private int handle() {
        if (statement == 0) {
            throw new IllegalStateException("statement is closed");
        }
        return statement;
    }

    @Override
    public void close() {
        if (statement != 0) {
            api.callInt("sqlite3_finalize", statement);
            statement = 0;
        }
    }
}
