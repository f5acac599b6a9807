package dev.orez.pglite.emscripten;

import com.dylibso.chicory.runtime.ExportFunction;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asynchronous signals for one process: the interval timers behind Postgres's statement, lock and idle
 * timeouts ({@code SIGALRM} through Emscripten's {@code setitimer}) and a cancel ({@code SIGINT}).
 *
 * <p>A signal is posted from any thread and delivered on the process's own thread at its next safepoint (see
 * {@link SafepointThread}), by running the guest's own handler there, as a kernel interrupts a process between
 * two instructions. Postgres's handlers are async-signal-safe: they set flags that the next {@code
 * CHECK_FOR_INTERRUPTS()} acts on, so the statement ends through Postgres's normal error path and the session
 * stays usable. Delivery happens only while a call into the backend is running; a signal posted while the
 * backend is idle waits for the next call, except a cancel, which means nothing once its statement is over.
 */
public final class Signals {
    static final int SIGINT = 2;
    private static final int SIG_IGN = 1;
    private static final int SA_SIGINFO = 4;
    /** musl's {@code struct sigaction}: handler, 128-byte mask, flags, restorer. */
    private static final int SIGACTION_SIZE = 140;

    private static final int SIGACTION_FLAGS = 132;

    private static final int TIMER_COUNT = 3; // ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF
    private static final int CANCEL_BIT = 1 << TIMER_COUNT;

    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "orez-interval-timers");
        thread.setDaemon(true);
        return thread;
    });

    private final WasmProcess process;
    private final AtomicInteger pending = new AtomicInteger();
    private final ScheduledFuture<?>[] timers = new ScheduledFuture<?>[TIMER_COUNT];
    private volatile boolean inCall;
    private boolean delivering;

    Signals(WasmProcess process) {
        this.process = process;
    }

    /** {@code _setitimer_js}: arms (or with 0, disarms) a one-shot timer; Emscripten's C side re-arms intervals. */
    int setTimer(int which, double timeoutMs) {
        if (which < 0 || which >= TIMER_COUNT) {
            return -1;
        }
        synchronized (timers) {
            if (timers[which] != null) {
                timers[which].cancel(false);
                timers[which] = null;
            }
            pending.getAndUpdate(bits -> bits & ~(1 << which));
            if (timeoutMs > 0) {
                long nanos = (long) Math.ceil(timeoutMs * 1e6);
                timers[which] = CLOCK.schedule(
                        () -> pending.getAndUpdate(bits -> bits | 1 << which), nanos, TimeUnit.NANOSECONDS);
            }
        }
        return 0;
    }

    /** Marks the start of a call into the backend: from here on, pending signals are delivered. */
    public synchronized void beginCall() {
        inCall = true;
    }

    /** Marks the end of a call: a cancel that did not arrive in time is dropped, timers stay pending. */
    public synchronized void endCall() {
        inCall = false;
        pending.getAndUpdate(bits -> bits & ~CANCEL_BIT);
    }

    /**
     * Asks the running call's statement to stop, as {@code pg_cancel_backend} does. Returns false, and does
     * nothing, when no call is running.
     */
    public synchronized boolean cancelCall() {
        if (!inCall) {
            return false;
        }
        pending.getAndUpdate(bits -> bits | CANCEL_BIT);
        return true;
    }

    /** Cheap enough for every safepoint: one volatile read in the common case. */
    boolean hasDeliverable() {
        return pending.get() != 0 && inCall;
    }

    /** Runs the guest's handlers for every pending signal. Only on the process's thread; never re-entered. */
    void deliverPending() {
        if (delivering) {
            return; // a handler's own loops reach safepoints too
        }
        delivering = true;
        try {
            int bits = pending.getAndSet(0);
            for (int which = 0; which < TIMER_COUNT; which++) {
                if ((bits & 1 << which) != 0) {
                    timeoutExport().apply(which, Double.doubleToRawLongBits(nowMs()));
                }
            }
            if ((bits & CANCEL_BIT) != 0) {
                runHandler(SIGINT);
            }
        } finally {
            delivering = false;
        }
    }

    private ExportFunction timeoutExport() {
        return process.instance().export("_emscripten_timeout");
    }

    /** The clock Emscripten's timers are kept in ({@code emscripten_get_now}). */
    static double nowMs() {
        return System.nanoTime() / 1e6;
    }

    /** Calls the handler the guest registered with {@code sigaction}, if any. */
    private void runHandler(int signal) {
        EmscriptenExports exports = process.exports();
        int stack = exports.stackSave();
        try {
            int action = exports.stackAlloc(SIGACTION_SIZE);
            process.instance().export("sigaction").apply(signal, 0, action);
            int handler = process.memory().readInt(action);
            if (handler == 0 || handler == SIG_IGN) {
                return; // default action for SIGINT would end the process; Postgres always installs one
            }
            boolean withInfo = (process.memory().readInt(action + SIGACTION_FLAGS) & SA_SIGINFO) != 0;
            process.callTableEntry(handler, withInfo ? new long[] {signal, 0, 0} : new long[] {signal});
        } finally {
            exports.stackRestore(stack);
        }
    }
}
