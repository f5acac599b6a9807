package dev.orez.proxy;

import dev.orez.pglite.ProtocolStream;
import dev.orez.pglite.SessionEndedException;
import dev.orez.proxy.wire.BackendMessages;
import dev.orez.proxy.wire.BackendStream;
import dev.orez.proxy.wire.Frame;
import dev.orez.proxy.wire.MessageBody;
import dev.orez.proxy.wire.ProtocolViolation;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One authenticated client connection on a {@link SharedEngine}. Its messages run in arrival order; it owns
 * the engine from its first message until the engine is idle again after a Sync or Query, so its transactions
 * and pipelines never interleave with anyone else's. Owned state that lives in the one engine session —
 * settings, named statements — is kept per connection and put back when the connection's turn comes.
 *
 * <p>Everything here runs on the connection's event loop, except the {@link ProtocolStream} methods, which the
 * engine thread calls during this connection's own call, and {@link #cancelRunningStatement()}.
 */
final class ClientSession extends ChannelInboundHandlerAdapter implements ProtocolStream {
    private static final System.Logger LOG = System.getLogger("orez.proxy");
    private static final Set<Character> FRONTEND_TYPES =
            Set.of('Q', 'P', 'B', 'E', 'D', 'C', 'H', 'S', 'd', 'c', 'f', 'F');
    /** Stands for "the client is gone" in the COPY input queue. */
    private static final Frame GONE = Frame.of(
            'f', new MessageBody.Builder().cString("client disconnected").build());

    private final ProxyContext proxy;
    private final SharedEngine engine;
    private final int processId;
    private final String applicationName;
    private final Map<String, String> reported;
    private Map<String, String> settings;
    private final StatementNames names;

    private ChannelHandlerContext ctx;
    private final ArrayDeque<Frame> pending = new ArrayDeque<>();
    /** Messages that arrive while a call runs: COPY data the engine asks for, or the next work. */
    private final LinkedBlockingQueue<Frame> duringCall = new LinkedBlockingQueue<>();

    private final BackendStream output = new BackendStream();

    private boolean owns;
    private boolean acquiring;
    private volatile boolean executing;
    private boolean closed;
    private boolean pipelineOpen;
    private boolean changedSettings;
    private int generation;
    private char status = 'I';
    /** ReadyForQuery messages still to drop: they answer what the proxy sent ahead of the client's messages. */
    private int prefixReplies;

    private long calls;
    private ScheduledFuture<?> idleCheck;

    ClientSession(
            ProxyContext proxy,
            SharedEngine engine,
            int processId,
            Map<String, String> startupParameters,
            Map<String, String> reported) {
        this.proxy = proxy;
        this.engine = engine;
        this.processId = processId;
        this.applicationName = startupParameters.getOrDefault("application_name", "");
        this.settings = SessionSettings.fromStartup(startupParameters);
        this.reported = new LinkedHashMap<>(reported);
        this.names = new StatementNames(processId);
        this.generation = engine.generation();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        Frame frame = (Frame) message;
        if (frame.tag() == 'X') {
            ctx.close();
            return;
        }
        if (!FRONTEND_TYPES.contains(frame.tag())) {
            throw new ProtocolViolation("invalid frontend message type " + (int) frame.tag());
        }
        Frame translated = translate(frame); // before queueing: a malformed message is refused at once
        if (executing) {
            duringCall.add(translated);
        } else {
            pending.add(translated);
            pump();
        }
    }

    /** Runs what is pending: first the engine is acquired, then everything queued goes in one call. */
    private void pump() {
        if (closed || executing || acquiring || pending.isEmpty()) {
            return;
        }
        if (!owns) {
            acquiring = true;
            engine.acquire(this).thenRunAsync(this::acquired, ctx.executor()).whenComplete(this::failLoudly);
            return;
        }
        ByteArrayOutputStream call = new ByteArrayOutputStream();
        putSessionBack(call);
        while (!pending.isEmpty()) {
            Frame frame = pending.poll();
            frame.writeTo(call);
            if (!isCopyMessage(frame)) { // CopyData outside a COPY is ignored by Postgres; it neither opens nor ends
                pipelineOpen = frame.tag() != 'S' && frame.tag() != 'Q';
            }
        }
        execute(call.toByteArray());
    }

    private void acquired() {
        acquiring = false;
        owns = true;
        if (closed) {
            cleanUpAndRelease();
        } else {
            pump();
        }
    }

    private static boolean isCopyMessage(Frame frame) {
        return frame.tag() == 'd' || frame.tag() == 'c' || frame.tag() == 'f';
    }

    /**
     * Before the client's own messages: its settings, if the engine's session has someone else's, and its
     * named statements, if the engine's session was replaced since it made them.
     */
    private void putSessionBack(ByteArrayOutputStream call) {
        if (!engine.appliedSettings().equals(settings)) {
            Frame.of(
                            'Q',
                            new MessageBody.Builder()
                                    .cString(SessionSettings.restoreSql(settings))
                                    .build())
                    .writeTo(call);
            prefixReplies++;
            engine.settingsApplied(settings);
        }
        if (generation != engine.generation()) {
            generation = engine.generation();
            if (!names.parses().isEmpty()) {
                names.parses().forEach(parse -> parse.writeTo(call));
                Frame.of('S', new byte[0]).writeTo(call);
                prefixReplies++;
            }
        }
    }

    /** Rewrites the SQL of Query and Parse, and moves statement names into this connection's namespace. */
    private Frame translate(Frame frame) {
        switch (frame.tag()) {
            case 'Q' -> {
                String sql = proxy.rewrites().apply(new MessageBody(frame.body()).cString());
                noteSettingsChange(sql);
                return Frame.of('Q', new MessageBody.Builder().cString(sql).build());
            }
            case 'P' -> {
                MessageBody body = new MessageBody(frame.body());
                body.cString();
                String sql = proxy.rewrites().apply(body.cString());
                noteSettingsChange(sql);
                return names.translate(frame, sql);
            }
            default -> {
                return names.translate(frame, null);
            }
        }
    }

    private void noteSettingsChange(String sql) {
        if (SessionSettings.changesSession(sql)) {
            changedSettings = true;
        }
    }

    private void execute(byte[] call) {
        executing = true;
        calls++;
        cancelIdleCheck();
        engine.execute(call, this)
                .whenCompleteAsync(this::callEnded, ctx.executor())
                .whenComplete(this::failLoudly);
    }

    private void callEnded(byte[] rest, Throwable failure) {
        executing = false;
        if (failure == null) {
            write(filter(rest));
        } else {
            engineFailed(unwrap(failure));
        }
        takeWhatArrivedDuringTheCall();
        if (closed) {
            cleanUpAndRelease();
        } else if (!pending.isEmpty()) {
            pump();
        } else if (!pipelineOpen && status == 'I') {
            leave();
        } else {
            scheduleIdleCheck();
        }
    }

    /**
     * The engine's session ended under this call (a FATAL): the client gets what the backend said, and its
     * connection ends as it would on Postgres. Any other failure becomes an error for this client only.
     */
    private void engineFailed(Throwable failure) {
        prefixReplies = 0;
        if (failure instanceof SessionEndedException ended) {
            LOG.log(
                    Level.WARNING,
                    "{0}: the engine session ended while serving {1}: {2}",
                    engine.name(),
                    describe(),
                    ended.getMessage());
            engine.sessionReplaced();
            generation = engine.generation();
            status = 'I';
            pipelineOpen = false;
            byte[] said = filter(ended.output());
            write(
                    said.length > 0
                            ? said
                            : BackendMessages.error("FATAL", "57P01", "terminating connection: " + ended.getMessage()));
            ctx.close();
            return;
        }
        LOG.log(Level.ERROR, engine.name() + ": the engine failed while serving " + describe(), failure);
        write(BackendMessages.error(
                "ERROR", "XX000", "orez: the " + engine.name() + " engine failed: " + failure.getMessage()));
        write(BackendMessages.readyForQuery(status));
        pipelineOpen = false;
    }

    /** A bug in a callback must not leave the engine owned by a connection nobody serves: end it loudly. */
    private void failLoudly(Object ignored, Throwable bug) {
        if (bug != null) {
            LOG.log(Level.ERROR, engine.name() + ": internal error serving " + describe(), bug);
            ctx.close();
        }
    }

    /** The engine's own failure, whether or not a future stage wrapped it. */
    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
    }

    private void takeWhatArrivedDuringTheCall() {
        for (Frame frame; (frame = duringCall.poll()) != null; ) {
            if (frame != GONE) {
                pending.add(frame);
            }
        }
    }

    /** Gives the engine back; first reads back the settings this connection changed, to restore them later. */
    private void leave() {
        if (!changedSettings) {
            release();
            return;
        }
        changedSettings = false;
        runOwnCall(
                Frame.of(
                                'Q',
                                new MessageBody.Builder()
                                        .cString(SessionSettings.CAPTURE_SQL)
                                        .build())
                        .encode(),
                answer -> {
                    settings = capturedSettings(answer);
                    engine.settingsApplied(settings);
                },
                () -> {
                    if (closed) {
                        cleanUpAndRelease();
                    } else if (!pending.isEmpty()) {
                        pump();
                    } else {
                        release();
                    }
                });
    }

    /** A call the proxy makes for this connection while it owns the engine; its answer is not the client's. */
    private void runOwnCall(byte[] call, java.util.function.Consumer<byte[]> onAnswer, Runnable then) {
        executing = true;
        engine.execute(call, null)
                .whenCompleteAsync(
                        (answer, failure) -> {
                            executing = false;
                            takeWhatArrivedDuringTheCall();
                            if (failure == null) {
                                onAnswer.accept(answer);
                            } else if (unwrap(failure) instanceof SessionEndedException) {
                                engine.sessionReplaced();
                            } else {
                                LOG.log(
                                        Level.WARNING,
                                        engine.name() + ": a call for " + describe() + " failed",
                                        failure);
                            }
                            then.run();
                        },
                        ctx.executor())
                .whenComplete(this::failLoudly);
    }

    private static Map<String, String> capturedSettings(byte[] answer) {
        Map<String, String> captured = new LinkedHashMap<>();
        new BackendStream().pass(answer, (type, buffer, start, length) -> {
            if (type == 'D') {
                MessageBody row = new MessageBody(Arrays.copyOfRange(buffer, start, start + length));
                row.int16();
                captured.put(readText(row), readText(row));
            }
            return false;
        });
        return captured;
    }

    private static String readText(MessageBody row) {
        int length = row.int32();
        return length < 0 ? "" : new String(row.bytes(length), StandardCharsets.UTF_8);
    }

    private void release() {
        owns = false;
        engine.release(this);
    }

    // ---- output ----

    /** Called by the engine thread during this connection's call. */
    @Override
    public void send(byte[] chunk) {
        byte[] kept = filter(chunk);
        if (kept.length > 0) {
            ChannelFuture written = ctx.writeAndFlush(Unpooled.wrappedBuffer(kept));
            if (!ctx.channel().isWritable()) {
                written.awaitUninterruptibly(); // a slow reader slows the engine instead of filling memory
            }
        }
    }

    /** Called by the engine thread when a COPY from this client needs its next message. */
    @Override
    public byte[] receive() {
        try {
            return duringCall.take().encode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GONE.encode();
        }
    }

    /**
     * Drops what the client must not see: answers to what the proxy sent ahead of its messages, and
     * ParameterStatus messages repeating what the client was already told, notifications that belong to
     * replication. Notes the transaction status.
     */
    private byte[] filter(byte[] bytes) {
        return output.pass(bytes, (type, buffer, start, length) -> {
            if (prefixReplies > 0) {
                if (type == 'E') {
                    LOG.log(
                            Level.WARNING,
                            "{0}: restoring the session of {1} failed: {2}",
                            engine.name(),
                            describe(),
                            new String(buffer, start, length, StandardCharsets.UTF_8));
                }
                if (type == 'Z') {
                    prefixReplies--;
                }
                return false;
            }
            if (type == 'Z') {
                status = (char) buffer[start];
                return true;
            }
            if (type == 'A') {
                return !engine.consumeNotification(buffer, start, length);
            }
            if (type == 'S') {
                MessageBody body = new MessageBody(Arrays.copyOfRange(buffer, start, start + length));
                String name = body.cString();
                String value = body.cString();
                return !value.equals(reported.put(name, value));
            }
            return true;
        });
    }

    private void write(byte[] bytes) {
        if (bytes.length > 0 && ctx.channel().isActive()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        }
    }

    // ---- the end of a connection ----

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        proxy.forget(processId);
        cancelIdleCheck();
        if (executing) {
            engine.cancel(); // the answer has nowhere to go; cleanup follows when the call ends
            duringCall.add(GONE);
        } else if (owns) {
            cleanUpAndRelease();
        } else if (!acquiring && !names.parses().isEmpty()) {
            acquiring = true;
            engine.acquire(this).thenRunAsync(this::acquired, ctx.executor()).whenComplete(this::failLoudly);
        }
        // while acquiring, acquired() sees closed and cleans up
    }

    /**
     * Leaves nothing behind in the shared session: an open pipeline is synced, an open transaction rolled
     * back (only this connection's: it owns the engine), its named statements closed.
     */
    private void cleanUpAndRelease() {
        ByteArrayOutputStream call = new ByteArrayOutputStream();
        if (pipelineOpen) {
            Frame.of('S', new byte[0]).writeTo(call);
        }
        if (pipelineOpen || status != 'I') {
            Frame.of('Q', new MessageBody.Builder().cString("ROLLBACK").build()).writeTo(call);
        }
        if (generation == engine.generation() && !names.parses().isEmpty()) {
            names.closes().forEach(close -> close.writeTo(call));
            Frame.of('S', new byte[0]).writeTo(call);
        }
        pipelineOpen = false;
        status = 'I';
        if (call.size() == 0) {
            release();
            return;
        }
        runOwnCall(call.toByteArray(), answer -> {}, this::release);
    }

    // ---- idle in transaction ----

    private void scheduleIdleCheck() {
        long timeout = proxy.idleInTransactionTimeout().toNanos();
        if (timeout <= 0) {
            return;
        }
        long callsWhenIdle = calls;
        idleCheck = ctx.executor().schedule(() -> idleCheck(callsWhenIdle), timeout, TimeUnit.NANOSECONDS);
    }

    /**
     * Still idle while holding the engine after the timeout, and someone is waiting for it: like Postgres's
     * idle_in_transaction_session_timeout, the connection is ended and its transaction rolled back.
     */
    private void idleCheck(long callsWhenIdle) {
        if (closed || executing || calls != callsWhenIdle || !owns) {
            return;
        }
        if (!engine.hasWaiters()) {
            scheduleIdleCheck();
            return;
        }
        LOG.log(
                Level.WARNING,
                "{0}: ending {1}, idle in a transaction for {2} while others waited",
                engine.name(),
                describe(),
                proxy.idleInTransactionTimeout());
        FatalError.send(
                ctx,
                "25P03",
                "terminating connection due to idle-in-transaction timeout (orez: other connections were waiting for the "
                        + engine.name() + " database)");
    }

    private void cancelIdleCheck() {
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
    }

    // ---- cancel ----

    /** A CancelRequest for this connection: stops its statement if one is running. */
    void cancelRunningStatement() {
        if (executing) {
            engine.cancel();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProtocolViolation violation = ProtocolViolation.in(cause);
        if (violation != null) {
            LOG.log(
                    Level.WARNING,
                    "{0}: protocol violation from {1}: {2}",
                    engine.name(),
                    describe(),
                    violation.getMessage());
            FatalError.send(ctx, "08P01", violation.getMessage());
        } else {
            LOG.log(Level.DEBUG, "connection " + describe() + " failed", cause);
            ctx.close();
        }
    }

    private String describe() {
        return "connection " + processId + (applicationName.isEmpty() ? "" : " (" + applicationName + ")");
    }
}
