package dev.orez.cli.restore;

import dev.orez.pglite.PGlite;
import dev.orez.pglite.ProtocolStream;
import dev.orez.pglite.SessionEndedException;
import dev.orez.replication.wire.Messages;
import dev.orez.replication.wire.QueryResult;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Restores straight into an engine in this JVM (orez not running). COPY data goes in with the COPY protocol:
 * while the engine thread consumes one CopyData message, this thread reads and encodes the next, handing
 * them over through a small queue. An interrupt cancels the running statement (it fails with SQLSTATE
 * 57014) and surfaces as a {@link RestoreInterruptedException}.
 */
public final class EngineTarget implements RestoreTarget {
    private static final int COPY_DATA_BYTES = 1 << 20;
    /** How often a blocked hand-over looks whether the engine has finished the COPY early (on an error). */
    private static final long HANDOVER_POLL_MILLIS = 20;

    private final PGlite engine;

    /** Starts a session as user and database {@code postgres} (harmless if one was started). */
    public EngineTarget(PGlite engine) {
        this.engine = engine;
        engine.execProtocolRaw(Messages.startup("postgres", "postgres"));
    }

    @Override
    public void execute(String sql) {
        commandTag(await(engine.execProtocol(Messages.query(sql), null)));
    }

    @Override
    public long copyIn(String copyStatement, Iterator<String> rows) {
        CopyFeed feed = new CopyFeed();
        CompletableFuture<byte[]> answer = engine.execProtocol(Messages.query(copyStatement), feed);
        boolean ended = false;
        try {
            RowBlocks blocks = new RowBlocks(rows, COPY_DATA_BYTES);
            for (byte[] block = blocks.next(); block != null && !answer.isDone(); block = blocks.next()) {
                feed.handOver(message('d', block), answer, true);
            }
            feed.handOver(message('c', new byte[0]), answer, true);
            ended = true;
        } finally {
            if (!ended) {
                feed.handOver(copyFail(), answer, false);
                awaitQuietly(answer);
            }
        }
        String tag = commandTag(concat(feed.output(), await(answer)));
        return Long.parseLong(tag.substring(tag.indexOf(' ') + 1));
    }

    @Override
    public Set<String> availableExtensions() {
        Set<String> names = new HashSet<>();
        QueryResult.of(engine.execProtocolRaw(Messages.query("SELECT name FROM pg_available_extensions")))
                .rows()
                .forEach(row -> names.add(row.get(0)));
        return names;
    }

    /**
     * The engine's answer. Interrupted while waiting, it cancels the statement and still waits for the
     * answer, so the engine is idle again when this returns; a statement that failed because of that
     * cancel becomes a {@link RestoreInterruptedException}.
     */
    private byte[] await(CompletableFuture<byte[]> answer) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    engine.cancel();
                }
            }
        } catch (ExecutionException e) {
            throw failureOf(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The answer's command tag; its error, unless the error is the cancel of an interrupt. */
    private static String commandTag(byte[] answer) {
        try {
            return EngineReply.commandTag(answer);
        } catch (RestoreSqlException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new RestoreInterruptedException();
            }
            throw e;
        }
    }

    private void awaitQuietly(CompletableFuture<byte[]> answer) {
        try {
            await(answer);
        } catch (RuntimeException e) {
            // the exception on its way out says what went wrong; this answer is only its echo
        }
    }

    /**
     * A session that ended (the engine has already started a new one) is a failed statement; anything else
     * from the engine means it cannot go on.
     */
    private static RuntimeException failureOf(Throwable failure) {
        if (failure instanceof SessionEndedException ended) {
            try {
                EngineReply.commandTag(ended.output());
            } catch (RestoreSqlException fatal) {
                return fatal;
            }
            return new RestoreSqlException(
                    "XX000",
                    "the engine's session ended: "
                            + ended.getMessage().lines().findFirst().orElse(""),
                    "",
                    "");
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    /**
     * The client side of one COPY: the engine thread takes messages as the backend asks for them; this
     * thread hands them over, and stops when the engine finished early (it does after an error).
     */
    private static final class CopyFeed implements ProtocolStream {
        private final BlockingQueue<byte[]> messages = new ArrayBlockingQueue<>(2);
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();

        @Override
        public void send(byte[] bytes) {
            output.writeBytes(bytes);
        }

        @Override
        public byte[] receive() {
            try {
                return messages.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return copyFail(); // null would end the session; a CopyFail only ends the COPY
            }
        }

        /** Read only after the answer completed, which orders it after the engine thread's writes. */
        byte[] output() {
            return output.toByteArray();
        }

        /**
         * Waits until the engine takes {@code message} or has finished. With {@code interruptible}, an
         * interrupt throws {@link RestoreInterruptedException}; without, it is kept for later (the
         * message is the CopyFail that ends the COPY cleanly).
         */
        void handOver(byte[] message, CompletableFuture<byte[]> answer, boolean interruptible) {
            boolean interrupted = false;
            try {
                while (!answer.isDone()) {
                    try {
                        if (messages.offer(message, HANDOVER_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        if (interruptible) {
                            Thread.currentThread().interrupt();
                            throw new RestoreInterruptedException();
                        }
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static byte[] copyFail() {
        return message('f', "the restore stopped sending this COPY's data\0".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] message(char type, byte[] body) {
        return ByteBuffer.allocate(5 + body.length)
                .put((byte) type)
                .putInt(4 + body.length)
                .put(body)
                .array();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
