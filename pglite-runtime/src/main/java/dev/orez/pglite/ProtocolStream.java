package dev.orez.pglite;

/**
 * The client end of a call that needs more than one round trip. {@code COPY ... FROM STDIN} answers with
 * CopyInResponse and then waits for the client's CopyData; a large result is better sent while it is still
 * being produced. Both methods are called on the engine thread.
 */
public interface ProtocolStream {
    /** Backend output produced so far: sent before the backend waits for input, and in large results. */
    void send(byte[] output);

    /**
     * Blocks until the client sends more whole frontend messages. Returns null when it never will (the
     * backend then sees end of input, which ends the session: answer a CopyFail instead where possible).
     */
    byte[] receive();
}
