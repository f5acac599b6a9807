package dev.orez.pglite.emscripten;

/**
 * A thread that delivers its process's pending {@link Signals} at safepoints. Chicory's compiled code asks
 * {@code Thread.currentThread().isInterrupted()} at every loop back-edge and indirect call, the only points
 * where it hands control back to the host while guest code runs; answering that question here is how a
 * timeout or a cancel reaches a statement that is busy computing and calls no host function at all.
 */
public final class SafepointThread extends Thread {
    private Signals signals;

    public SafepointThread(Runnable task, String name, long stackSize) {
        super(null, task, name, stackSize);
    }

    /** Signals of the process this thread runs from now on; set on this thread before the process runs. */
    static void attach(Signals signals) {
        if (Thread.currentThread() instanceof SafepointThread thread) {
            thread.signals = signals;
        }
    }

    @Override
    public boolean isInterrupted() {
        if (Thread.currentThread() == this && signals != null && signals.hasDeliverable()) {
            signals.deliverPending();
        }
        return super.isInterrupted();
    }
}
