package dev.orez.proxy.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts frontend bytes into messages: untyped {@link StartupPacket}s (int32 length, int32 code, body) until
 * the StartupMessage has been handled, typed {@link Frame}s (tag, int32 length, body) after. One decoder for
 * both phases, switched by the handler, so bytes that arrive together with the startup packet are never
 * decoded the wrong way.
 */
public final class FrontendDecoder extends ByteToMessageDecoder {
    /** Postgres refuses startup packets above 10000 bytes (MAX_STARTUP_PACKET_LENGTH). */
    private static final int MAX_STARTUP_PACKET = 10_000;
    /** Postgres's own limit for one message (PQ_LARGE_MESSAGE_LIMIT). */
    private static final int MAX_MESSAGE = (1 << 30) - 1;

    private boolean typed;

    /** From now on every message has a tag byte. */
    public void expectTypedMessages() {
        typed = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (typed) {
            decodeFrame(in, out);
        } else {
            decodeStartupPacket(in, out);
        }
    }

    private static void decodeStartupPacket(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 8) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > MAX_STARTUP_PACKET) {
            in.skipBytes(in.readableBytes());
            throw new ProtocolViolation("invalid length of startup packet");
        }
        if (in.readableBytes() < length) {
            return;
        }
        in.skipBytes(4);
        int code = in.readInt();
        byte[] body = new byte[length - 8];
        in.readBytes(body);
        out.add(new StartupPacket(code, body));
    }

    private static void decodeFrame(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 5) {
            return;
        }
        int start = in.readerIndex();
        byte type = in.getByte(start);
        int length = in.getInt(start + 1);
        if (length < 4 || length > MAX_MESSAGE) {
            in.skipBytes(in.readableBytes());
            throw new ProtocolViolation("invalid message length " + length + " for message type '" + (char) type + "'");
        }
        if (in.readableBytes() < length + 1) {
            return;
        }
        in.skipBytes(5);
        byte[] body = new byte[length - 4];
        in.readBytes(body);
        out.add(new Frame(type, body));
    }
}
