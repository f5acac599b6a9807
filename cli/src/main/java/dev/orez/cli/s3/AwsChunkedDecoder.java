package dev.orez.cli.s3;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Removes the {@code aws-chunked} framing AWS SDKs put around streamed upload bodies (SigV4 streaming, with
 * or without chunk signatures and trailing checksums). The SDKs use it for every PutObject and UploadPart
 * that carries a checksum, which since 2023 is all of them by default.
 *
 * <p>The body is a series of {@code <hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n}, ended by a
 * zero-size chunk, then trailer lines such as {@code x-amz-checksum-crc32:<base64>} and an empty line. Chunk
 * signatures and trailing checksums are read past, not verified: this server does not authenticate anyone,
 * and the object's MD5 (its ETag) is computed from the decoded bytes.
 */
final class AwsChunkedDecoder {
    /** Receives decoded body bytes; the buffer is only valid during the call. */
    interface Sink {
        void accept(ByteBuf data) throws IOException;
    }

    private enum State {
        SIZE_LINE,
        DATA,
        DATA_END,
        TRAILER,
        DONE
    }

    /** A size line with a signature is under 100 bytes; anything this long is not aws-chunked framing. */
    private static final int MAX_LINE = 4096;

    private final long decodedLength;
    private final StringBuilder line = new StringBuilder();
    private State state = State.SIZE_LINE;
    private long chunkRemaining;
    private long decoded;

    private AwsChunkedDecoder(long decodedLength) {
        this.decodedLength = decodedLength;
    }

    /** A decoder when the request body is aws-chunked, otherwise null. */
    static AwsChunkedDecoder forRequest(HttpHeaders headers) throws S3ErrorException {
        String payloadHash = headers.get("x-amz-content-sha256", "");
        String encoding = headers.get(HttpHeaderNames.CONTENT_ENCODING, "");
        if (!payloadHash.startsWith("STREAMING-") && !encoding.contains("aws-chunked")) {
            return null;
        }
        try {
            return new AwsChunkedDecoder(Long.parseLong(headers.get("x-amz-decoded-content-length", "-1")));
        } catch (NumberFormatException e) {
            throw S3Error.INVALID_ARGUMENT.with("x-amz-decoded-content-length is not a number");
        }
    }

    void decode(ByteBuf in, Sink out) throws S3ErrorException, IOException {
        while (in.isReadable()) {
            switch (state) {
                case DATA -> {
                    int length = (int) Math.min(chunkRemaining, in.readableBytes());
                    out.accept(in.readSlice(length));
                    chunkRemaining -= length;
                    decoded += length;
                    if (chunkRemaining == 0) {
                        state = State.DATA_END;
                    }
                }
                case DONE -> in.skipBytes(in.readableBytes());
                default -> {
                    if (readLine(in)) {
                        onLine(line.toString());
                        line.setLength(0);
                    }
                }
            }
        }
    }

    /** Checks that the body ended where the framing says it does. */
    void finish() throws S3ErrorException {
        boolean complete = state == State.DONE || (state == State.TRAILER && line.length() == 0);
        if (!complete || (decodedLength >= 0 && decoded != decodedLength)) {
            throw S3Error.INCOMPLETE_BODY.with(
                    "The aws-chunked body ended early or does not match" + " x-amz-decoded-content-length");
        }
    }

    /** Appends to {@link #line} up to the next LF; true once the line is complete (its CR removed). */
    private boolean readLine(ByteBuf in) throws S3ErrorException {
        int lineFeed = in.bytesBefore((byte) '\n');
        int length = lineFeed < 0 ? in.readableBytes() : lineFeed;
        line.append(in.readCharSequence(length, StandardCharsets.US_ASCII));
        if (line.length() > MAX_LINE) {
            throw malformed();
        }
        if (lineFeed < 0) {
            return false;
        }
        in.skipBytes(1);
        if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return true;
    }

    private void onLine(String text) throws S3ErrorException {
        switch (state) {
            case SIZE_LINE -> {
                int extensions = text.indexOf(';');
                try {
                    chunkRemaining = Long.parseLong(extensions < 0 ? text : text.substring(0, extensions), 16);
                } catch (NumberFormatException e) {
                    throw malformed();
                }
                if (chunkRemaining < 0) {
                    throw malformed();
                }
                state = chunkRemaining == 0 ? State.TRAILER : State.DATA;
            }
            case DATA_END -> {
                if (!text.isEmpty()) {
                    throw malformed();
                }
                state = State.SIZE_LINE;
            }
            case TRAILER -> {
                if (text.isEmpty()) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException("no line expected in state " + state);
        }
    }

    private static S3ErrorException malformed() {
        return S3Error.INVALID_REQUEST.with("Malformed aws-chunked request body");
    }
}
