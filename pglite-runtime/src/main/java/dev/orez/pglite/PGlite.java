package dev.orez.pglite;

import dev.orez.pglite.emscripten.GuestAbort;
import dev.orez.pglite.emscripten.ProcessExit;
import dev.orez.pglite.fs.FileImage;
import dev.orez.pglite.fs.FileSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A PostgreSQL engine (PGlite, Postgres compiled to WebAssembly) running inside this JVM on its own
 * thread, persisting to a real data directory, speaking the wire protocol in-process.
 *
 * <p>One engine is one Postgres session. Calls from any thread are serialized onto the engine thread. A SQL
 * error is an ErrorResponse in the returned bytes and the engine carries on; if the engine itself fails (a
 * trap, an abort, the backend exiting) every later call is refused with the original failure.
 */
public final class PGlite implements AutoCloseable {
    static final String GUEST_PGDATA = "/pglite/data";

    private final PGliteOptions options;
    private final DataDirectory dataDirectory;
    private final EngineThread thread;
    /** Replaced when a session ends; volatile because {@link #cancel()} reads it from any thread. */
    private volatile Backend backend;
    /** The client's startup packet, replayed into every new session so it looks the same. */
    private byte[] startupPacket;

    private RuntimeException failure;
    private boolean closed;

    private PGlite(PGliteOptions options, DataDirectory dataDirectory, EngineThread thread) {
        this.options = options;
        this.dataDirectory = dataDirectory;
        this.thread = thread;
    }

    /**
     * Opens the data directory (created from the built-in template when empty or missing) and starts
     * Postgres on it, running crash recovery if the last engine on it did not shut down cleanly.
     */
    public static PGlite open(Path dataDir, PGliteOptions options) {
        DataDirectory directory;
        try {
            directory = DataDirectory.open(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + dataDir, e);
        }
        PGlite pg = new PGlite(options, directory, new EngineThread(options.name(), options.stackSize()));
        try {
            pg.thread.call(() -> {
                pg.backend = pg.startBackend();
                return null;
            });
            return pg;
        } catch (RuntimeException e) {
            pg.thread.close();
            closeQuietly(directory);
            throw e instanceof PGliteException ? e : new PGliteException("cannot start " + options.name(), e);
        }
    }

    private Backend startBackend() {
        FileSystem fileSystem =
                FileSystem.withImage(FileImage.fromClasspath()).mountHost(GUEST_PGDATA, dataDirectory.path());
        Backend started = new Backend(fileSystem, options.user(), options.database(), options.log());
        started.start(options.database());
        return started;
    }

    /**
     * Sends whole frontend messages (a startup packet, or any number of typed messages) and returns
     * everything the backend answered, however large. Terminate ('X') is swallowed: closing the session is
     * {@link #close()}'s job. A COPY from the client must bring all its data in the same call.
     *
     * @throws SessionEndedException when the backend ended the session; a new one is ready for the next call
     * @throws PGliteException when the engine cannot go on at all; every later call is refused
     */
    public byte[] execProtocolRaw(byte[] message) {
        return thread.call(() -> run(message, null));
    }

    /**
     * As {@link #execProtocolRaw}, without blocking the caller, and with a stream that receives output as it
     * is produced and supplies the client's further messages when the backend waits for them (COPY FROM
     * STDIN). The future completes with the output the stream was not given.
     */
    public CompletableFuture<byte[]> execProtocol(byte[] message, ProtocolStream stream) {
        return thread.submit(() -> run(message, stream));
    }

    private byte[] run(byte[] message, ProtocolStream stream) {
        ensureUsable();
        if (message.length > 0 && message[0] == 0) {
            startupPacket = message.clone();
        }
        try {
            return backend.execProtocol(message, stream);
        } catch (ProcessExit exit) {
            throw endSession("the backend exited with status " + exit.status(), exit);
        } catch (GuestAbort abort) {
            throw endSession(abort.getMessage(), abort);
        } catch (PGliteException e) {
            throw e;
        } catch (RuntimeException e) {
            throw endSession("the engine failed: " + e, e);
        }
    }

    /**
     * Replaces the dead session with a new one, as the postmaster does after a backend exits: a fresh
     * instance on the same data directory, whose crash recovery rolls back what the old one left open.
     */
    private RuntimeException endSession(String reason, Throwable cause) {
        byte[] output = backend.abandon();
        String message = options.name() + ": " + reason + "\n" + backend.recentStderr();
        try {
            backend = startBackend();
            if (startupPacket != null) {
                backend.execProtocol(startupPacket, null);
            }
        } catch (RuntimeException restartFailure) {
            restartFailure.addSuppressed(cause);
            failure = new PGliteException(
                    message + "\nand no new session could start: " + restartFailure, restartFailure);
            return failure;
        }
        return new SessionEndedException(message, output, cause);
    }

    /**
     * Cancels the statement running now, from any thread, as a client's CancelRequest does: it ends with
     * SQLSTATE 57014 and the engine stays usable. Returns false, doing nothing, when no call is running; a
     * cancel never reaches a later statement.
     */
    public boolean cancel() {
        return backend.signals().cancelCall();
    }

    private void ensureUsable() {
        if (closed) {
            throw new IllegalStateException(options.name() + " is closed");
        }
        if (failure != null) {
            throw new PGliteException(
                    options.name() + " is unusable after an earlier engine failure: " + failure.getMessage(), failure);
        }
    }

    /** Shuts Postgres down with a checkpoint (skipped after an engine failure) and releases the directory. */
    @Override
    public void close() {
        try {
            thread.call(() -> {
                if (closed) {
                    return null;
                }
                closed = true;
                try {
                    if (failure == null) {
                        backend.shutdown();
                    }
                } finally {
                    backend.closeFiles();
                }
                return null;
            });
        } finally {
            thread.close();
            closeQuietly(dataDirectory);
        }
    }

    private static void closeQuietly(DataDirectory directory) {
        try {
            directory.close();
        } catch (IOException e) {
            // the lock dies with the file handle anyway
        }
    }
}
