package dev.orez.cli.restore;

/**
 * Asks for a CHECKPOINT after every so many bytes of loaded data. PGlite is a single-user backend with no
 * checkpointer, so without one its write-ahead log would grow with the whole dump. Called between
 * transactions, after the data it counts was committed.
 */
final class Checkpoints {
    private final RestoreTarget target;
    private final long everyBytes;
    private long sinceLast;

    Checkpoints(RestoreTarget target, long everyBytes) {
        this.target = target;
        this.everyBytes = everyBytes;
    }

    void loaded(long bytes) {
        sinceLast += bytes;
        if (sinceLast >= everyBytes) {
            target.checkpoint();
            sinceLast = 0;
        }
    }

    /** At the end: one more, so the next start of the database has no log to replay. */
    void finish() {
        if (sinceLast > 0) {
            target.checkpoint();
            sinceLast = 0;
        }
    }
}
