package dev.orez.cli.restore;

/** The server rejected a statement; the session goes on. Carries the fields of the server's ErrorResponse. */
public final class RestoreSqlException extends RuntimeException {
    private final String sqlState;
    private final String detail;
    private final String where;

    /**
     * @param detail the error's DETAIL, or empty
     * @param where the error's CONTEXT (for COPY: {@code COPY t, line 3, column c: "…"}), or empty
     */
    public RestoreSqlException(String sqlState, String message, String detail, String where) {
        super(message);
        this.sqlState = sqlState;
        this.detail = detail;
        this.where = where;
    }

    public String sqlState() {
        return sqlState;
    }

    public String detail() {
        return detail;
    }

    public String where() {
        return where;
    }
}
