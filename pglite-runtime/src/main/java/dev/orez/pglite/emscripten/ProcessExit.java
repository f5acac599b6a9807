package dev.orez.pglite.emscripten;

/** The guest called {@code exit(status)}; unwinds every wasm frame up to whoever started the call. */
public final class ProcessExit extends RuntimeException {
    private final int status;

    public ProcessExit(int status) {
        super("exit(" + status + ")", null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
