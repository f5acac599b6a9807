package dev.orez.cli.zero;

import java.io.IOException;

/** zero-cache could not be started, or did not become healthy; the message says why and shows its last lines. */
public class ZeroCacheException extends IOException {
    private static final long serialVersionUID = 1L;

    public ZeroCacheException(String message) {
        super(message);
    }

    public ZeroCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
