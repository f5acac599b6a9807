package dev.orez.cli.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsChunkedDecoderTest {
    /** A signed body with a trailing checksum, as the AWS SDK for Java v2 sends it over plain HTTP. */
    private static final String SIGNED_WITH_TRAILER = "5;chunk-signature=aaaa\r\nhello\r\n"
            + "6;chunk-signature=bbbb\r\n world\r\n"
            + "0;chunk-signature=cccc\r\n"
            + "x-amz-checksum-crc32:DUoRhQ==\r\n"
            + "x-amz-trailer-signature:dddd\r\n\r\n";

    private static final String UNSIGNED_WITH_TRAILER =
            "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";

    @Test
    void decodesSignedChunksAndSkipsTheTrailer() throws Exception {
        assertEquals("hello world", decodeWhole(SIGNED_WITH_TRAILER, 11));
    }

    @Test
    void decodesUnsignedChunks() throws Exception {
        assertEquals("hello world", decodeWhole(UNSIGNED_WITH_TRAILER, 11));
    }

    @Test
    void decodesTheSameWhereverTheNetworkSplitsTheBody() throws Exception {
        byte[] body = SIGNED_WITH_TRAILER.getBytes(StandardCharsets.US_ASCII);
        for (int split = 1; split < body.length; split++) {
            AwsChunkedDecoder decoder = decoder(11);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            decoder.decode(Unpooled.wrappedBuffer(body, 0, split), data -> data.readBytes(out, data.readableBytes()));
            decoder.decode(
                    Unpooled.wrappedBuffer(body, split, body.length - split),
                    data -> data.readBytes(out, data.readableBytes()));
            decoder.finish();
            assertEquals("hello world", out.toString(StandardCharsets.US_ASCII), "split at " + split);
        }
    }

    @Test
    void aBodyWithoutTheFinalChunkIsIncomplete() throws Exception {
        AwsChunkedDecoder decoder = decoder(11);
        decoder.decode(Unpooled.copiedBuffer("b\r\nhello world\r\n", StandardCharsets.US_ASCII), data -> {});

        S3ErrorException e = assertThrows(S3ErrorException.class, decoder::finish);
        assertEquals(S3Error.INCOMPLETE_BODY, e.error());
    }

    @Test
    void aDecodedLengthDifferentFromTheHeaderIsIncomplete() throws Exception {
        AwsChunkedDecoder decoder = decoder(12);
        decoder.decode(Unpooled.copiedBuffer(UNSIGNED_WITH_TRAILER, StandardCharsets.US_ASCII), data -> {});

        assertThrows(S3ErrorException.class, decoder::finish);
    }

    @Test
    void aChunkSizeThatIsNotHexIsMalformed() {
        AwsChunkedDecoder decoder = decoder(-1);

        S3ErrorException e = assertThrows(
                S3ErrorException.class,
                () -> decoder.decode(Unpooled.copiedBuffer("zz\r\n", StandardCharsets.US_ASCII), data -> {}));
        assertEquals(S3Error.INVALID_REQUEST, e.error());
    }

    @Test
    void plainBodiesAreNotDecoded() throws Exception {
        assertEquals(
                null,
                AwsChunkedDecoder.forRequest(new DefaultHttpHeaders().set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")));
    }

    private static String decodeWhole(String body, long decodedLength) throws Exception {
        AwsChunkedDecoder decoder = decoder(decodedLength);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        decoder.decode(
                Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII),
                data -> data.readBytes(out, data.readableBytes()));
        decoder.finish();
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static AwsChunkedDecoder decoder(long decodedLength) {
        HttpHeaders headers = new DefaultHttpHeaders()
                .set("Content-Encoding", "aws-chunked")
                .set("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        if (decodedLength >= 0) {
            headers.set("x-amz-decoded-content-length", decodedLength);
        }
        try {
            return AwsChunkedDecoder.forRequest(headers);
        } catch (S3ErrorException e) {
            throw new AssertionError(e);
        }
    }
}
