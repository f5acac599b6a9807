package dev.orez.proxy;

import dev.orez.proxy.wire.BackendMessages;
import dev.orez.proxy.wire.Frame;
import dev.orez.proxy.wire.FrontendDecoder;
import dev.orez.proxy.wire.MessageBody;
import dev.orez.proxy.wire.ProtocolViolation;
import dev.orez.proxy.wire.StartupPacket;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connection's first phase, answered in Java: SSL and GSS encryption refused with 'N', a CancelRequest
 * passed on, the StartupMessage checked, a cleartext password asked for and compared. Then the handler
 * replaces itself with the connection's session (or its replication session).
 */
final class StartupHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger("orez.proxy");
    private static final byte[] REFUSED = {'N'};

    private final PgProxy server;
    private final FrontendDecoder decoder;
    private Map<String, String> parameters;

    StartupHandler(PgProxy server, FrontendDecoder decoder) {
        this.server = server;
        this.decoder = decoder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof StartupPacket packet) {
            startupPacket(ctx, packet);
        } else if (parameters != null && message instanceof Frame frame && frame.tag() == 'p') {
            password(ctx, new MessageBody(frame.body()).cString());
        } else {
            throw new ProtocolViolation("expected a password response");
        }
    }

    private void startupPacket(ChannelHandlerContext ctx, StartupPacket packet) {
        switch (packet.code()) {
            case StartupPacket.SSL_REQUEST, StartupPacket.GSSENC_REQUEST ->
                ctx.writeAndFlush(Unpooled.wrappedBuffer(REFUSED));
            case StartupPacket.CANCEL_REQUEST -> {
                MessageBody body = new MessageBody(packet.body());
                server.cancel(body.int32(), body.int32());
                ctx.close();
            }
            default -> {
                if (packet.code() >>> 16 != 3) {
                    FatalError.send(
                            ctx,
                            "0A000",
                            "unsupported frontend protocol " + (packet.code() >>> 16) + "." + (packet.code() & 0xFFFF)
                                    + ": server supports 3.0");
                    return;
                }
                parameters = packet.parameters();
                if (parameters.getOrDefault("user", "").isEmpty()) {
                    FatalError.send(ctx, "28000", "no PostgreSQL user name specified in startup packet");
                    return;
                }
                decoder.expectTypedMessages();
                if ((packet.code() & 0xFFFF) != 0) {
                    ctx.write(Unpooled.wrappedBuffer(Frame.of(
                                    'v',
                                    new MessageBody.Builder()
                                            .int32(StartupPacket.PROTOCOL_3)
                                            .int32(0)
                                            .build())
                            .encode()));
                }
                ctx.writeAndFlush(Unpooled.wrappedBuffer(BackendMessages.cleartextPasswordRequest()));
            }
        }
    }

    private void password(ChannelHandlerContext ctx, String password) {
        String user = parameters.get("user");
        if (!(equal(user, server.config().user())
                & equal(password, server.config().password()))) {
            LOG.log(Level.WARNING, "password authentication failed for user \"{0}\"", user);
            FatalError.send(ctx, "28P01", "password authentication failed for user \"" + user + "\"");
            return;
        }
        String database = parameters.getOrDefault("database", user);
        SharedEngine engine = server.route(database);
        boolean replication = "database".equals(parameters.get("replication"));
        if (replication && server.config().walSenders() == null) {
            FatalError.send(ctx, "0A000", "orez: logical replication is not available on this server");
            return;
        }
        Map<String, String> reported = reportedParameters(engine, user);
        int processId = server.nextProcessId();
        int secret = server.newSecret();
        ByteArrayOutputStream greeting = new ByteArrayOutputStream();
        greeting.writeBytes(BackendMessages.authenticationOk());
        reported.forEach((name, value) -> greeting.writeBytes(BackendMessages.parameterStatus(name, value)));
        greeting.writeBytes(BackendMessages.backendKeyData(processId, secret));
        greeting.writeBytes(BackendMessages.readyForQuery('I'));
        if (replication) {
            ReplicationConnection connection = new ReplicationConnection(
                    server.route(server.config().defaultDatabase()), server, processId, parameters);
            ctx.pipeline().replace(this, "replication", connection);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(greeting.toByteArray()));
            connection.open(server.config().walSenders());
            return;
        }
        ClientSession session = new ClientSession(server, engine, processId, parameters, reported);
        server.register(processId, secret, session);
        ctx.pipeline().replace(this, "session", session);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(greeting.toByteArray()));
    }

    /** What Postgres reports at startup: the engine's values, with the client's own where it chose them. */
    private Map<String, String> reportedParameters(SharedEngine engine, String user) {
        Map<String, String> reported = new LinkedHashMap<>(engine.serverParameters());
        parameters.forEach((name, value) -> {
            if (reported.containsKey(name)) {
                reported.put(name, value);
            }
        });
        reported.put("session_authorization", user);
        return reported;
    }

    /** Compares in constant time: a password check should not tell how much of a guess was right. */
    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProtocolViolation violation = ProtocolViolation.in(cause);
        if (violation != null) {
            FatalError.send(ctx, "08P01", violation.getMessage());
        } else {
            LOG.log(Level.DEBUG, "startup failed", cause);
            ctx.close();
        }
    }
}
