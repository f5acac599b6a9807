package dev.orez.cli.restore;

/**
 * The restore could not go on: the dump is unreadable or cut short, the connection was lost, the engine
 * failed, or {@code --clean} failed. What was restored before stays; {@link #summary()} says what that was.
 */
public final class RestoreFailedException extends RuntimeException {
    private final transient RestoreSummary summary;

    RestoreFailedException(String message, Throwable cause, RestoreSummary summary) {
        super(message, cause);
        this.summary = summary;
    }

    public RestoreSummary summary() {
        return summary;
    }
}
