package dev.orez.pglite;

/** The engine failed, not a SQL statement (those come back as ErrorResponse messages). */
public class PGliteException extends RuntimeException {
    public PGliteException(String message) {
        super(message);
    }

    public PGliteException(String message, Throwable cause) {
        super(message, cause);
    }
}
