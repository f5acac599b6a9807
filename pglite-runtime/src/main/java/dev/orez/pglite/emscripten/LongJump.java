package dev.orez.pglite.emscripten;

/** A guest longjmp in flight; caught by the nearest {@code invoke_*} trampoline. Stackless and shared. */
public final class LongJump extends RuntimeException {
    static final LongJump INSTANCE = new LongJump();

    private LongJump() {
        super("longjmp", null, false, false);
    }
}
