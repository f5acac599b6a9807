package dev.orez.cli.s3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * What an operation answers: status, headers, and a body that is either a small buffer or a slice of a file
 * (sent with zero-copy {@code sendfile}, never read into memory). Written by {@link ResponseWriter}.
 */
final class S3Response {
    /** A slice of an open file; the writer closes the channel once sent. */
    record FileSlice(FileChannel channel, long position, long count) {}

    private final HttpResponseStatus status;
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private final ByteBuf body;
    private final FileSlice file;

    private S3Response(HttpResponseStatus status, ByteBuf body, FileSlice file) {
        this.status = status;
        this.body = body;
        this.file = file;
    }

    static S3Response empty(HttpResponseStatus status) {
        return new S3Response(status, Unpooled.EMPTY_BUFFER, null);
    }

    static S3Response xml(HttpResponseStatus status, String document) {
        S3Response response = new S3Response(status, Unpooled.copiedBuffer(document, StandardCharsets.UTF_8), null);
        return response.header(HttpHeaderNames.CONTENT_TYPE, "application/xml");
    }

    static S3Response file(HttpResponseStatus status, FileSlice slice) {
        S3Response response = new S3Response(status, Unpooled.EMPTY_BUFFER, slice);
        return response.header(HttpHeaderNames.CONTENT_LENGTH, slice.count());
    }

    S3Response header(CharSequence name, Object value) {
        headers.set(name, value);
        return this;
    }

    HttpResponseStatus status() {
        return status;
    }

    HttpHeaders headers() {
        return headers;
    }

    ByteBuf body() {
        return body;
    }

    /** The file slice to send after the headers, or null for a buffer body. */
    FileSlice file() {
        return file;
    }
}
