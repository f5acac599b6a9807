package dev.orez.cli.restore;

/**
 * The restoring thread was interrupted; thrown from the middle of a COPY or a statement, after the target
 * has stopped what it was doing, so the restore can roll back its open work and return.
 */
final class RestoreInterruptedException extends RuntimeException {
    RestoreInterruptedException() {
        super("the restore was interrupted");
    }
}
