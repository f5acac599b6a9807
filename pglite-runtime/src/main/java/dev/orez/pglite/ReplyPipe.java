package dev.orez.pglite;

import java.util.ArrayDeque;

/**
 * Engine output on its way to a client's reads: filled on the engine thread while calls run, drained on the
 * client's thread. Bounded, so a large COPY streams through instead of piling up: the engine waits while the
 * client is behind. Once closed, output is dropped, so an engine call never waits for a client that is gone.
 */
final class ReplyPipe implements ProtocolStream {
    private final int capacity;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private long buffered;
    private int callsRunning;
    private boolean closed;
    private Throwable failure;

    ReplyPipe(int capacity) {
        this.capacity = capacity;
    }

    /** Before a call is submitted, so that a read waits for its output. */
    synchronized void callStarted() {
        callsRunning++;
    }

    /** The output the call did not stream; a failed call has none, and the reader sees the server gone. */
    synchronized void callFinished(byte[] rest, Throwable callFailure) {
        if (callFailure == null) {
            add(rest);
        } else if (failure == null) {
            failure = callFailure;
        }
        callsRunning--;
        notifyAll();
    }

    @Override
    public synchronized void send(byte[] output) {
        try {
            while (!closed && buffered >= capacity) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true; // the engine is shutting down: nobody will read this
        }
        add(output);
        notifyAll();
    }

    /** A frontend message beyond the call's own (COPY FROM STDIN), which pg_dump never sends. */
    @Override
    public byte[] receive() {
        return null;
    }

    /**
     * Copies up to {@code max} bytes of output. With {@code wait}, blocks while there is none but a call may
     * still produce some; returns 0 once none will come.
     */
    synchronized int take(byte[] target, int max, boolean wait) {
        try {
            while (wait && chunks.isEmpty() && callsRunning > 0 && !closed) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the dump is being stopped: report the server gone
            return 0;
        }
        int copied = 0;
        while (copied < max && !chunks.isEmpty()) {
            byte[] head = chunks.peekFirst();
            int n = Math.min(max - copied, head.length - headOffset);
            System.arraycopy(head, headOffset, target, copied, n);
            copied += n;
            headOffset += n;
            if (headOffset == head.length) {
                chunks.removeFirst();
                headOffset = 0;
            }
        }
        buffered -= copied;
        notifyAll();
        return copied;
    }

    /** Why the first failed call failed, or null. */
    synchronized Throwable failure() {
        return failure;
    }

    /** Drops what is buffered and everything sent from now on, and wakes a waiting reader and engine. */
    synchronized void close() {
        closed = true;
        chunks.clear();
        headOffset = 0;
        buffered = 0;
        notifyAll();
    }

    private void add(byte[] output) {
        if (!closed && output.length > 0) {
            chunks.addLast(output);
            buffered += output.length;
        }
    }
}
