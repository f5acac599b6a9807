package dev.orez.cli.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

class MultipartUploadTest {
    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    final RunningS3Server s3 = new RunningS3Server();

    private S3Client client;

    @BeforeEach
    void createBucket() {
        client = s3.client();
        client.createBucket(b -> b.bucket("big"));
    }

    @Test
    void aFiftyMegabyteUploadThroughTheSdksMultipartPathReadsBackIdentical() throws Exception {
        byte[] data = randomBytes(50 * MIB, 7);

        String etag = s3.multipartClient()
                .putObject(b -> b.bucket("big").key("video.mp4"), AsyncRequestBody.fromBytes(data))
                .join()
                .eTag();

        // 50 MiB in the SDK's 8 MiB parts: seven parts, so it really went through multipart.
        assertTrue(etag.matches("\"[0-9a-f]{32}-7\""), etag);
        try (InputStream in = client.getObject(b -> b.bucket("big").key("video.mp4"))) {
            assertArrayEquals(sha256(data), sha256(in));
        }
        assertEquals(50L * MIB, Files.size(s3.dataDir().resolve("s3/big/video.mp4")));
        assertNothingStaged();
    }

    @Test
    void completingAssemblesThePartsInOrderWithS3sMultipartETag() throws Exception {
        List<byte[]> parts = List.of(randomBytes(5 * MIB, 1), randomBytes(5 * MIB, 2), randomBytes(1000, 3));
        String uploadId = client.createMultipartUpload(b -> b.bucket("big")
                        .key("archive.tar")
                        .contentType("application/x-tar")
                        .metadata(Map.of("origin", "test")))
                .uploadId();

        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int number = i + 1;
            String etag = client.uploadPart(
                            b -> b.bucket("big")
                                    .key("archive.tar")
                                    .uploadId(uploadId)
                                    .partNumber(number),
                            RequestBody.fromBytes(parts.get(number - 1)))
                    .eTag();
            assertEquals('"' + ObjectsTest.md5Hex(parts.get(i)) + '"', etag);
            completed.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        List<Part> listed = client.listParts(
                        b -> b.bucket("big").key("archive.tar").uploadId(uploadId))
                .parts();
        String etag = client.completeMultipartUpload(b ->
                        b.bucket("big").key("archive.tar").uploadId(uploadId).multipartUpload(m -> m.parts(completed)))
                .eTag();

        assertEquals(List.of(1, 2, 3), listed.stream().map(Part::partNumber).toList());
        assertEquals(
                List.of(5L * MIB, 5L * MIB, 1000L),
                listed.stream().map(Part::size).toList());
        assertEquals(expectedMultipartETag(parts), etag);
        ResponseBytes<GetObjectResponse> object =
                client.getObjectAsBytes(b -> b.bucket("big").key("archive.tar"));
        assertArrayEquals(concat(parts), object.asByteArray());
        assertEquals(etag, object.response().eTag());
        assertEquals("application/x-tar", object.response().contentType());
        assertEquals(Map.of("origin", "test"), object.response().metadata());
        assertNothingStaged();
    }

    @Test
    void aPartUploadedAgainReplacesTheEarlierOne() {
        String uploadId = initiate("doc");
        uploadPart("doc", uploadId, 1, "first try");
        String etag = uploadPart("doc", uploadId, 1, "second try");

        client.completeMultipartUpload(b -> b.bucket("big")
                .key("doc")
                .uploadId(uploadId)
                .multipartUpload(m ->
                        m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));

        assertEquals(
                "second try",
                client.getObjectAsBytes(b -> b.bucket("big").key("doc")).asUtf8String());
    }

    @Test
    void completingWithAnETagThatWasNotUploadedIsAnInvalidPart() {
        String uploadId = initiate("doc");
        uploadPart("doc", uploadId, 1, "content");

        S3Exception e = assertThrows(
                S3Exception.class,
                () -> client.completeMultipartUpload(b -> b.bucket("big")
                        .key("doc")
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(CompletedPart.builder()
                                .partNumber(1)
                                .eTag("\"00000000000000000000000000000000\"")
                                .build()))));

        assertEquals("InvalidPart", e.awsErrorDetails().errorCode());
        assertThrows(
                NoSuchKeyException.class,
                () -> client.headObject(b -> b.bucket("big").key("doc")));
    }

    @Test
    void partsListedOutOfOrderAreRefused() {
        String uploadId = initiate("doc");
        String one = uploadPart("doc", uploadId, 1, "one");
        String two = uploadPart("doc", uploadId, 2, "two");

        S3Exception e = assertThrows(
                S3Exception.class,
                () -> client.completeMultipartUpload(b -> b.bucket("big")
                        .key("doc")
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(
                                CompletedPart.builder().partNumber(2).eTag(two).build(),
                                CompletedPart.builder().partNumber(1).eTag(one).build()))));

        assertEquals("InvalidPartOrder", e.awsErrorDetails().errorCode());
    }

    @Test
    void abortingLeavesNothingBehind() throws IOException {
        String uploadId = initiate("abandoned");
        uploadPart("abandoned", uploadId, 1, "some bytes");

        client.abortMultipartUpload(b -> b.bucket("big").key("abandoned").uploadId(uploadId));

        assertThrows(
                NoSuchUploadException.class,
                () -> client.listParts(b -> b.bucket("big").key("abandoned").uploadId(uploadId)));
        assertThrows(
                NoSuchUploadException.class,
                () -> client.uploadPart(
                        b -> b.bucket("big").key("abandoned").uploadId(uploadId).partNumber(2),
                        RequestBody.fromString("late")));
        assertThrows(
                NoSuchKeyException.class,
                () -> client.headObject(b -> b.bucket("big").key("abandoned")));
        assertNothingStaged();
    }

    @Test
    void uploadIdsThatAreNotOursAreNoSuchUpload() {
        assertThrows(
                NoSuchUploadException.class,
                () -> client.listParts(b -> b.bucket("big").key("k").uploadId("../../../../etc")));
    }

    private String initiate(String key) {
        return client.createMultipartUpload(b -> b.bucket("big").key(key)).uploadId();
    }

    private String uploadPart(String key, String uploadId, int number, String content) {
        return client.uploadPart(
                        b -> b.bucket("big").key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromString(content))
                .eTag();
    }

    private void assertNothingStaged() throws IOException {
        Path internal = s3.dataDir().resolve("s3/.orez");
        for (String directory : List.of("staging", "uploads")) {
            try (Stream<Path> files = Files.list(internal.resolve(directory))) {
                assertEquals(List.of(), files.toList(), directory);
            }
        }
    }

    private static String expectedMultipartETag(List<byte[]> parts) throws Exception {
        MessageDigest md5OfMd5s = MessageDigest.getInstance("MD5");
        for (byte[] part : parts) {
            md5OfMd5s.update(MessageDigest.getInstance("MD5").digest(part));
        }
        return '"' + HexFormat.of().formatHex(md5OfMd5s.digest()) + "-" + parts.size() + '"';
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(List<byte[]> parts) {
        byte[] all = new byte[parts.stream().mapToInt(p -> p.length).sum()];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return digest.digest();
    }
}
