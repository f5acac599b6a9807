package dev.orez.proxy;

import dev.orez.proxy.wire.BackendStream;
import dev.orez.proxy.wire.Frame;
import dev.orez.proxy.wire.MessageBody;
import dev.orez.replication.ReplicationClient;
import dev.orez.replication.WalSender;
import dev.orez.replication.WalSenderFactory;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@code replication=database} connection after authentication: every message goes to the replication
 * module's {@link WalSender}, which answers through this {@link ReplicationClient}. Its SQL runs on the
 * application engine with the same ownership rules as any client, held while a transaction it began is open.
 */
final class ReplicationConnection extends ChannelInboundHandlerAdapter implements ReplicationClient {
    private final SharedEngine engine;
    private final ProxyContext proxy;
    private final int processId;
    private final Map<String, String> startupParameters;
    private ChannelHandlerContext ctx;
    private WalSender walSender;
    /** The turn that left a transaction open, if one did. */
    private Object openTransaction;

    ReplicationConnection(
            SharedEngine engine, ProxyContext proxy, int processId, Map<String, String> startupParameters) {
        this.engine = engine;
        this.proxy = proxy;
        this.processId = processId;
        this.startupParameters = Map.copyOf(startupParameters);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    void open(WalSenderFactory factory) {
        walSender = factory.open(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        Frame frame = (Frame) message;
        if (frame.tag() == 'X') {
            ctx.close();
            return;
        }
        walSender.onMessage(frame.type(), frame.body());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Object held;
        synchronized (this) {
            held = openTransaction;
            openTransaction = null;
        }
        if (held != null) { // plain SQL left a transaction open: end it before anyone else gets the engine
            byte[] rollback = Frame.of(
                            'Q', new MessageBody.Builder().cString("ROLLBACK").build())
                    .encode();
            engine.execute(rollback, null).whenComplete((answer, failure) -> engine.release(held));
        }
        walSender.onClose();
    }

    @Override
    public Map<String, String> startupParameters() {
        return startupParameters;
    }

    @Override
    public int processId() {
        return processId;
    }

    @Override
    public String rewrite(String sql) {
        return proxy.rewrites().apply(sql);
    }

    @Override
    public void send(byte[] backendMessages) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(backendMessages));
    }

    @Override
    public void close() {
        ctx.close();
    }

    /**
     * Each call is its own turn (a walsender runs several at once: reading changes, recording confirmations),
     * except that a call which leaves a transaction open keeps the engine for the calls after it.
     */
    @Override
    public CompletableFuture<byte[]> execute(byte[] frontendMessages) {
        Object turn;
        synchronized (this) {
            turn = openTransaction != null ? openTransaction : new Object();
        }
        return engine.acquire(turn)
                .thenCompose(owned -> engine.execute(frontendMessages, null))
                .thenApply(answer -> new BackendStream()
                        .pass(
                                answer,
                                (type, buffer, start, length) ->
                                        type != 'A' || !engine.consumeNotification(buffer, start, length)))
                .whenComplete((answer, failure) -> {
                    boolean idle = failure != null || lastStatus(answer) == 'I';
                    synchronized (this) {
                        openTransaction = idle ? null : turn;
                    }
                    if (idle) {
                        engine.release(turn);
                    }
                });
    }

    private static char lastStatus(byte[] answer) {
        char[] status = {'I'};
        new BackendStream().pass(answer, (type, buffer, start, length) -> {
            if (type == 'Z') {
                status[0] = (char) buffer[start];
            }
            return false;
        });
        return status[0];
    }
}
