package dev.orez.pglite.fs;

/** A failed file operation, as the guest will see it. Stackless: these are expected control flow. */
public final class ErrnoException extends RuntimeException {
    private final int errno;

    public ErrnoException(int errno) {
        super("errno " + errno, null, false, false);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
