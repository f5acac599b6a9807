package dev.orez.pglite.emscripten;

/** The guest aborted (abort(), a failed assert): its state can no longer be trusted. */
public final class GuestAbort extends RuntimeException {
    public GuestAbort(String message, String recentStderr) {
        super(recentStderr.isEmpty() ? message : message + "\nlast output:\n" + recentStderr);
    }
}
