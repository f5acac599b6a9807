package dev.orez;

/** orez could not start: the message says which step failed and why, in words for the user. */
public final class OrezException extends RuntimeException {
    public OrezException(String message, Throwable cause) {
        super(message, cause);
    }
}
