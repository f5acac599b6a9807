package dev.orez.proxy;

import dev.orez.proxy.wire.BackendMessages;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/** Ends a connection the way Postgres does: a FATAL ErrorResponse, then the socket closed once it is sent. */
final class FatalError {
    private FatalError() {}

    static void send(ChannelHandlerContext ctx, String sqlState, String message) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(BackendMessages.error("FATAL", sqlState, message)))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
