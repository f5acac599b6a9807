package dev.orez.pglite;

import java.io.IOException;

/**
 * The server end of pg_dump's one connection: what libpq's {@code recv} and {@code send} reach through the host
 * callbacks. Reads and writes come from pg_dump's thread only; {@link #shutdown()} may come from any thread.
 */
interface ServerLink {
    /** Copies what has arrived, without blocking; 0 when nothing has yet. */
    int readAvailable(byte[] buffer, int max) throws IOException;

    /** Blocks until something arrives; 0 when nothing ever will (the server is gone). */
    int readWaiting(byte[] buffer, int max) throws IOException;

    /** Sends bytes as libpq flushes them, which need not end on a message boundary. */
    void write(byte[] bytes) throws IOException;

    /** Ends the connection at once, waking a blocked read; a dump in progress then sees the server go away. */
    void shutdown();

    /** Ends the connection after pg_dump has exited, leaving the server as pg_dump found it. */
    void close();
}
