package dev.orez.sqlite;

/** A failed SQLite call: the result code and SQLite's message. */
public final class SqliteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    SqliteException(int code, String message) {
        super(message + " (SQLite result code " + code + ")");
        this.code = code;
    }

    /** SQLite's extended result code, e.g. 19 (SQLITE_CONSTRAINT) or 2067 (SQLITE_CONSTRAINT_UNIQUE). */
    public int code() {
        return code;
    }
}
