package dev.orez.pglite;

/**
 * The backend ended its session during a call, as Postgres does after a FATAL error (an idle-in-transaction
 * timeout, {@code pg_terminate_backend} of itself) or when the engine trapped. Its open transaction is rolled
 * back; the engine has already started a new session on the same data, so the next call works. {@link
 * #output()} holds what the backend wrote before it ended, typically the FATAL ErrorResponse, which a server
 * forwards to its client before closing that client's connection.
 */
public final class SessionEndedException extends PGliteException {
    private final byte[] output;

    SessionEndedException(String message, byte[] output, Throwable cause) {
        super(message, cause);
        this.output = output.clone();
    }

    public byte[] output() {
        return output.clone();
    }
}
