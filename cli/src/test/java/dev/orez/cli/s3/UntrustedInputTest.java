package dev.orez.cli.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Requests meant to escape the storage root or to leave a broken object behind. */
class UntrustedInputTest {
    private static final byte[] PAYLOAD = "escaped!".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    final RunningS3Server s3 = new RunningS3Server();

    @BeforeEach
    void createBucket() {
        s3.client().createBucket(b -> b.bucket("bucket"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/bucket/../../escape.txt",
                "/bucket/../../../escape.txt",
                "/bucket/%2e%2e/%2e%2e/escape.txt",
                "/bucket/%2E%2E%2F%2E%2E%2F%2E%2E%2Fescape.txt",
                "/bucket/a/../../../escape.txt",
                "/%2e%2e/escape.txt",
                "/..%2F..%2Fescape.txt",
                "/bucket//escape.txt",
                "/bucket/%2Ftmp%2Fescape.txt",
                "/bucket/./escape.txt",
                "/bucket/escape.txt%00.png",
                "/bucket/escape%00/x.txt",
                "/.orez/escape.txt",
                "/bucket/escape.txt/",
            })
    void keysThatCannotBeSafelyStoredAreRefusedAndWriteNothing(String target) throws IOException {
        RawHttp.Response put = RawHttp.exchange(s3.port(), "PUT", target, PAYLOAD);
        RawHttp.Response get = RawHttp.exchange(s3.port(), "GET", target, new byte[0]);

        assertEquals(400, put.status(), put.text());
        assertTrue(put.text().contains("<Error><Code>"), put.text());
        assertTrue(get.status() >= 400 && get.status() < 500, get.text());
        assertEquals(List.of(), filesUnder(s3.sandbox()), "nothing written anywhere");
    }

    @Test
    void readingOutsideTheRootIsRefused() throws IOException {
        Files.writeString(s3.sandbox().resolve("secret.txt"), "do not serve");

        for (String target : List.of("/bucket/../../secret.txt", "/bucket/%2e%2e/%2e%2e/secret.txt")) {
            RawHttp.Response get = RawHttp.exchange(s3.port(), "GET", target, new byte[0]);
            assertEquals(400, get.status(), get.text());
            assertFalse(get.text().contains("do not serve"), get.text());
        }
    }

    @Test
    void aClientThatDisconnectsMidUploadLeavesNoObjectAndNoTemporaryFile() throws Exception {
        Path staging = s3.dataDir().resolve("s3/.orez/staging");
        try (Socket socket = new Socket("127.0.0.1", s3.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.head("PUT", "/bucket/half.bin", 10 << 20));
            out.write(new byte[1 << 20]);
            out.flush();
            awaitTrue(() -> !filesUnder(staging).isEmpty(), "the server started staging the body");
            socket.setSoLinger(true, 0); // reset, as a crashed client or a dropped network would
        }

        awaitTrue(() -> filesUnder(staging).isEmpty(), "the staged body was deleted");
        assertThrows(NoSuchKeyException.class, () -> s3.client()
                .headObject(b -> b.bucket("bucket").key("half.bin")));
        assertEquals(List.of(), filesUnder(s3.dataDir().resolve("s3/bucket")));
    }

    @Test
    void aBodyNotMatchingItsContentMd5IsRefused() throws IOException {
        RawHttp.Response put = RawHttp.exchange(
                s3.port(), "PUT", "/bucket/checked.txt", PAYLOAD, "Content-MD5: 1B2M2Y8AsgTpgAmY7PhCfg==");

        assertEquals(400, put.status(), put.text());
        assertTrue(put.text().contains("<Code>BadDigest</Code>"), put.text());
        assertFalse(Files.exists(s3.dataDir().resolve("s3/bucket/checked.txt")));
    }

    @Test
    void anAwsChunkedBodyThatEndsEarlyIsRefused() throws IOException {
        // Framing announces 16 bytes, then the body ends after 4: no zero-size final chunk.
        byte[] body = "10;chunk-signature=abc\r\nhalf".getBytes(StandardCharsets.US_ASCII);

        RawHttp.Response put = RawHttp.exchange(
                s3.port(),
                "PUT",
                "/bucket/chunked.txt",
                body,
                "Content-Encoding: aws-chunked",
                "x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "x-amz-decoded-content-length: 16");

        assertEquals(400, put.status(), put.text());
        assertTrue(put.text().contains("<Code>IncompleteBody</Code>"), put.text());
        assertFalse(Files.exists(s3.dataDir().resolve("s3/bucket/chunked.txt")));
    }

    @Test
    void theConnectionStaysUsableAfterARefusedUpload() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", s3.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String refused = "PUT /bucket/a/../b HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\n12345678";
            String accepted =
                    "PUT /bucket/ok.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
            out.write((refused + accepted).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(answers.startsWith("HTTP/1.1 400"), answers);
            assertTrue(answers.contains("HTTP/1.1 200"), answers);
        }
        assertEquals("ok", Files.readString(s3.dataDir().resolve("s3/bucket/ok.txt")));
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> tree = Files.walk(root)) {
            return tree.filter(Files::isRegularFile).toList();
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
