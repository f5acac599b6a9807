package dev.orez.cli.s3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Date;

/** Puts an {@link S3Response} on the wire with the headers every response carries. */
final class ResponseWriter {
    private ResponseWriter() {}

    /** Writes the response; the future completes when its last byte is sent. */
    static ChannelFuture write(
            ChannelHandlerContext ctx, HttpMethod requestMethod, String requestId, S3Response response) {
        CorsPolicy.addTo(response.headers());
        response.headers()
                .set("x-amz-request-id", requestId)
                .set(HttpHeaderNames.DATE, DateFormatter.format(new Date()))
                .set(HttpHeaderNames.SERVER, "orez");
        S3Response.FileSlice file = response.file();
        if (file != null) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status());
            head.headers().set(response.headers());
            ctx.write(head);
            ctx.write(new DefaultFileRegion(file.channel(), file.position(), file.count()));
            return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        ByteBuf body = response.body();
        if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        }
        // A HEAD answer keeps the Content-Length a GET would have, but has no body.
        if (HttpMethod.HEAD.equals(requestMethod)) {
            body.release();
            body = Unpooled.EMPTY_BUFFER;
        }
        FullHttpResponse message = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(), body);
        message.headers().set(response.headers());
        return ctx.writeAndFlush(message);
    }
}
