package dev.orez.pglite;

import dev.orez.pglite.emscripten.SafepointThread;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one thread an engine runs on. Postgres is a single session with process-global state, so calls from
 * other threads queue here in arrival order and never run concurrently; the big stack is for deep recursion
 * in the interpreted parser and PL/pgSQL.
 */
final class EngineThread implements AutoCloseable {
    private final ExecutorService executor;
    private volatile Thread thread;

    EngineThread(String name, long stackSize) {
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = new SafepointThread(task, name, stackSize);
            t.setDaemon(true); // an engine never keeps the JVM alive; its WAL makes an abrupt end safe
            thread = t;
            return t;
        });
    }

    /** Runs {@code work} on the engine thread and waits; a call from the engine thread runs in place. */
    <T> T call(Callable<T> work) {
        if (Thread.currentThread() == thread) {
            return callInPlace(work);
        }
        Future<T> result = executor.submit(work);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PGliteException("interrupted while waiting for the engine", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new PGliteException(cause.toString(), cause);
        }
    }

    /** Queues {@code work} on the engine thread; the future completes there. */
    <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the engine is closed", e));
        }
        return result;
    }

    private static <T> T callInPlace(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PGliteException(e.toString(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
