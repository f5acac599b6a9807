package dev.orez.cli.restore;

/** Hears from a restore while it runs, on the restoring thread. */
public interface RestoreListener {
    /** At most once per {@link RestoreSettings#progressInterval()}, and once more at the end. */
    default void progress(RestoreProgress progress) {}

    /**
     * A problem worth telling now: the first of each kind of failed statement (repeats are only counted,
     * see {@link RestoreSummary#problems()}), each failed COPY chunk, each skipped row and lost trigger.
     */
    default void warning(String message) {}
}
