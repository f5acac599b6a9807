package dev.orez.cli.restore;

/** The dump cannot be restored as written: it ends inside COPY data, is not UTF-8, or declares another encoding. */
public final class DumpFormatException extends RuntimeException {
    public DumpFormatException(String message) {
        super(message);
    }

    public DumpFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
