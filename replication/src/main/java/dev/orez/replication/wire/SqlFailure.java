package dev.orez.replication.wire;

/** An ErrorResponse from the engine, with its SQLSTATE, so it can be passed on to the client as it was. */
public final class SqlFailure extends RuntimeException {
    private final String sqlState;

    public SqlFailure(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
