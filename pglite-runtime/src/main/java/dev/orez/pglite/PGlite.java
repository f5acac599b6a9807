package dev.orez.pglite;

import dev.orez.pglite.emscripten.GuestAbort;
import dev.orez.pglite.emscripten.ProcessExit;
import dev.orez.pglite.fs.FileImage;
import dev.orez.pglite.fs.FileSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

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

    private final String name;
    private final DataDirectory dataDirectory;
    private final EngineThread thread;
    private final Backend backend;
    private RuntimeException failure;
    private boolean closed;

    private PGlite(String name, DataDirectory dataDirectory, EngineThread thread, Backend backend) {
        this.name = name;
        this.dataDirectory = dataDirectory;
        this.thread = thread;
        this.backend = backend;
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
        EngineThread thread = new EngineThread(options.name(), options.stackSize());
        try {
            Backend backend = thread.call(() -> {
                FileSystem fileSystem =
                        FileSystem.withImage(FileImage.fromClasspath()).mountHost(GUEST_PGDATA, directory.path());
                Backend started = new Backend(fileSystem, options.user(), options.database(), options.log());
                started.start(options.database());
                return started;
            });
            return new PGlite(options.name(), directory, thread, backend);
        } catch (RuntimeException e) {
            thread.close();
            closeQuietly(directory);
            throw e instanceof PGliteException ? e : new PGliteException("cannot start " + options.name(), e);
        }
    }

    /**
     * Sends whole frontend messages (a startup packet, or any number of typed messages) and returns
     * everything the backend answered, however large. Terminate ('X') is swallowed: closing the session is
     * {@link #close()}'s job.
     */
    public byte[] execProtocolRaw(byte[] message) {
        return thread.call(() -> {
            ensureUsable();
            try {
                return backend.execProtocolRaw(message);
            } catch (ProcessExit exit) {
                throw fail(new PGliteException(
                        name + ": the backend exited with status " + exit.status() + "\n" + backend.recentStderr()));
            } catch (GuestAbort abort) {
                throw fail(new PGliteException(name + ": " + abort.getMessage(), abort));
            } catch (PGliteException e) {
                throw e;
            } catch (RuntimeException e) {
                throw fail(new PGliteException(name + ": the engine failed and refuses further work: " + e, e));
            }
        });
    }

    private void ensureUsable() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        if (failure != null) {
            throw new PGliteException(
                    name + " is unusable after an earlier engine failure: " + failure.getMessage(), failure);
        }
    }

    private RuntimeException fail(RuntimeException e) {
        failure = e;
        return e;
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
