package dev.orez.proxy;

import dev.orez.proxy.wire.BackendStream;
import dev.orez.proxy.wire.Frame;
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
        engine.release(this); // first: what the walsender does on close takes turns of its own
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

    @Override
    public CompletableFuture<byte[]> execute(byte[] frontendMessages) {
        return engine.acquire(this)
                .thenCompose(owned -> engine.execute(frontendMessages, null))
                .thenApply(answer -> new BackendStream()
                        .pass(
                                answer,
                                (type, buffer, start, length) ->
                                        type != 'A' || !engine.consumeNotification(buffer, start, length)))
                .whenComplete((answer, failure) -> {
                    if (failure != null || lastStatus(answer) == 'I') {
                        engine.release(this);
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
