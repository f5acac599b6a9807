package dev.orez.sqlite;

/** SQLite's five storage classes, numbered as {@code sqlite3_column_type} returns them. */
public enum ColumnType {
    INTEGER,
    FLOAT,
    TEXT,
    BLOB,
    NULL;

    static ColumnType of(int code) {
        return values()[code - 1];
    }
}
