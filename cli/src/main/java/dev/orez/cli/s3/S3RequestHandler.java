package dev.orez.cli.s3;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Drives one connection's requests through their operations: routes each request head, feeds it the body
 * pieces, and answers when the request has ended. Runs on the server's storage executor, not on the event
 * loop, because operations do blocking file I/O.
 *
 * <p>The channel does not read by itself: the next read is requested once the previous batch of body
 * pieces has been handed to the operation. A client uploading faster than the disk can write therefore waits
 * in TCP flow control instead of piling up buffers in memory.
 */
final class S3RequestHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(S3RequestHandler.class.getName());

    private final S3Router router;

    // The request being received; all null between requests.
    private HttpMethod method;
    private String resource;
    private String requestId;
    private S3Operation operation;
    private S3ErrorException failure;

    S3RequestHandler(S3Router router) {
        this.router = router;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof HttpObject http && http.decoderResult().isFailure()) {
                rejectMalformed(ctx);
                return;
            }
            if (message instanceof HttpRequest request) {
                begin(request);
            }
            if (message instanceof HttpContent content && method != null) {
                receive(content.content());
                if (content instanceof LastHttpContent) {
                    end(ctx);
                }
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void begin(HttpRequest request) {
        method = request.method();
        resource = request.uri();
        requestId = newRequestId();
        if (HttpMethod.OPTIONS.equals(method)) {
            operation = () -> CorsPolicy.preflight(request);
            return;
        }
        try {
            S3Request s3Request = S3Request.parse(request);
            resource = s3Request.path();
            operation = router.route(s3Request);
        } catch (S3ErrorException | IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void receive(ByteBuf chunk) {
        if (operation == null) {
            return; // failed already: the rest of the body is read and dropped so the connection stays usable
        }
        try {
            operation.content(chunk);
        } catch (S3ErrorException | IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void end(ChannelHandlerContext ctx) {
        S3Response response = null;
        if (operation != null) {
            try {
                response = operation.complete();
            } catch (S3ErrorException | IOException | RuntimeException e) {
                fail(e);
            }
        }
        S3Response answer = response != null ? response : errorDocument(failure);
        HttpMethod answered = method;
        String target = resource;
        LOG.log(
                Level.DEBUG,
                () -> answered + " " + target + " -> " + answer.status().code());
        ResponseWriter.write(ctx, answered, requestId, answer);
        reset();
    }

    private void fail(Exception e) {
        if (e instanceof S3ErrorException s3Error) {
            failure = s3Error;
        } else {
            LOG.log(Level.WARNING, "S3 request " + method + " " + resource + " failed", e);
            failure = S3Error.INTERNAL_ERROR.with("We encountered an internal error. Please try again.");
        }
        abortOperation();
    }

    /** Netty could not parse the request; nothing after it on this connection can be trusted. */
    private void rejectMalformed(ChannelHandlerContext ctx) {
        abortOperation();
        HttpMethod answered = method != null ? method : HttpMethod.GET;
        S3ErrorException error = S3Error.INVALID_REQUEST.with("The request could not be parsed as HTTP.");
        requestId = newRequestId();
        ResponseWriter.write(ctx, answered, requestId, errorDocument(error)).addListener(ChannelFutureListener.CLOSE);
        reset();
    }

    private void abortOperation() {
        if (operation != null) {
            operation.abort();
            operation = null;
        }
    }

    private void reset() {
        method = null;
        resource = null;
        requestId = null;
        operation = null;
        failure = null;
    }

    /** Like S3's: 16 upper-case hex digits, quoted in error documents and the x-amz-request-id header. */
    private static String newRequestId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong()).toUpperCase(Locale.ROOT);
    }

    private S3Response errorDocument(S3ErrorException error) {
        return XmlWriter.plainDocument("Error")
                .element("Code", error.error().code())
                .element("Message", error.getMessage())
                .element("Resource", resource)
                .element("RequestId", requestId)
                .toResponse(error.error().status());
    }

    /** The client went away: whatever its unfinished request staged is deleted. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        abortOperation();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, "S3 connection failed", cause);
        ctx.close();
    }
}
