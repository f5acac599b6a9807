package dev.orez.cli.db;

/**
 * A database startup step failed. The message is written for the user and names what failed (the migration
 * file, the hook, the data directory), so the caller can show it as it is.
 */
public final class StartupStepException extends RuntimeException {
    public StartupStepException(String message) {
        super(message);
    }

    public StartupStepException(String message, Throwable cause) {
        super(message, cause);
    }
}
