package dev.orez.pglite;

/** pg_dump did not produce a dump; the message is what pg_dump wrote to stderr, or what stopped it. */
public final class PgDumpException extends RuntimeException {
    private final int exitStatus;

    PgDumpException(String message, int exitStatus, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    /** pg_dump's exit status, or -1 when it did not get to exit (it trapped, or was interrupted). */
    public int exitStatus() {
        return exitStatus;
    }
}
