package dev.orez.cli.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ObjectsTest {
    @RegisterExtension
    final RunningS3Server s3 = new RunningS3Server();

    private S3Client client;

    @BeforeEach
    void createBucket() {
        client = s3.client();
        client.createBucket(b -> b.bucket("media"));
    }

    @Test
    void putObjectStoresTheBytesAsAFileAndAnswersTheMd5ETag() throws Exception {
        byte[] body = "a small avatar".getBytes(StandardCharsets.UTF_8);

        PutObjectResponse put = client.putObject(
                b -> b.bucket("media").key("users/1/avatar.png").contentType("image/png"), RequestBody.fromBytes(body));

        assertEquals('"' + md5Hex(body) + '"', put.eTag());
        // The SDK sent an aws-chunked body with a trailing checksum; the file holds only the decoded bytes.
        assertArrayEquals(body, Files.readAllBytes(s3.dataDir().resolve("s3/media/users/1/avatar.png")));
    }

    @Test
    void getAndHeadReturnContentTypeMetadataLengthETagAndLastModified() {
        Instant before = Instant.now().minusSeconds(2);
        String etag = client.putObject(
                        b -> b.bucket("media")
                                .key("docs/report.bin")
                                .contentType("application/x-report")
                                .cacheControl("max-age=60")
                                .contentDisposition("attachment; filename=\"report.bin\"")
                                .metadata(Map.of("owner", "ada", "source", "camera 2")),
                        RequestBody.fromString("0123456789"))
                .eTag();

        ResponseBytes<GetObjectResponse> got =
                client.getObjectAsBytes(b -> b.bucket("media").key("docs/report.bin"));
        HeadObjectResponse head = client.headObject(b -> b.bucket("media").key("docs/report.bin"));

        assertEquals("0123456789", got.asUtf8String());
        assertEquals("application/x-report", got.response().contentType());
        assertEquals("application/x-report", head.contentType());
        assertEquals(10L, got.response().contentLength());
        assertEquals(10L, head.contentLength());
        assertEquals(etag, got.response().eTag());
        assertEquals(etag, head.eTag());
        assertEquals(
                Map.of("owner", "ada", "source", "camera 2"), got.response().metadata());
        assertEquals(Map.of("owner", "ada", "source", "camera 2"), head.metadata());
        assertEquals("max-age=60", head.cacheControl());
        assertEquals("attachment; filename=\"report.bin\"", head.contentDisposition());
        assertTrue(head.lastModified().isAfter(before)
                && head.lastModified().isBefore(Instant.now().plusSeconds(2)));
    }

    @Test
    void withoutAStoredContentTypeTheExtensionDecidesAsInTheOriginalOrez() throws Exception {
        Path file = s3.dataDir().resolve("s3/media/copied-by-hand.json");
        Files.writeString(file, "{}");

        HeadObjectResponse head = client.headObject(b -> b.bucket("media").key("copied-by-hand.json"));

        assertEquals("application/json", head.contentType());
        assertEquals('"' + md5Hex("{}".getBytes(StandardCharsets.UTF_8)) + '"', head.eTag());
    }

    @Test
    void overwritingReplacesBodyAndMetadata() {
        client.putObject(
                b -> b.bucket("media").key("k").contentType("text/plain").metadata(Map.of("v", "1")),
                RequestBody.fromString("first version"));
        client.putObject(
                b -> b.bucket("media").key("k").contentType("text/csv").metadata(Map.of("v", "2")),
                RequestBody.fromString("second"));

        ResponseBytes<GetObjectResponse> got =
                client.getObjectAsBytes(b -> b.bucket("media").key("k"));
        assertEquals("second", got.asUtf8String());
        assertEquals("text/csv", got.response().contentType());
        assertEquals(Map.of("v", "2"), got.response().metadata());
    }

    @Test
    void emptyObjectsRoundTrip() throws Exception {
        String etag = client.putObject(b -> b.bucket("media").key("empty"), RequestBody.empty())
                .eTag();

        ResponseBytes<GetObjectResponse> got =
                client.getObjectAsBytes(b -> b.bucket("media").key("empty"));
        assertEquals(0, got.asByteArray().length);
        assertEquals('"' + md5Hex(new byte[0]) + '"', etag);
        assertEquals(etag, got.response().eTag());
    }

    @Test
    void rangeGetsReturnPartialContent() {
        client.putObject(b -> b.bucket("media").key("digits"), RequestBody.fromString("0123456789"));

        ResponseBytes<GetObjectResponse> middle =
                client.getObjectAsBytes(b -> b.bucket("media").key("digits").range("bytes=2-5"));
        ResponseBytes<GetObjectResponse> suffix =
                client.getObjectAsBytes(b -> b.bucket("media").key("digits").range("bytes=-3"));
        ResponseBytes<GetObjectResponse> open =
                client.getObjectAsBytes(b -> b.bucket("media").key("digits").range("bytes=8-"));
        ResponseBytes<GetObjectResponse> clamped =
                client.getObjectAsBytes(b -> b.bucket("media").key("digits").range("bytes=7-100"));

        assertEquals("2345", middle.asUtf8String());
        assertEquals("bytes 2-5/10", middle.response().contentRange());
        assertEquals(4L, middle.response().contentLength());
        assertEquals("789", suffix.asUtf8String());
        assertEquals("89", open.asUtf8String());
        assertEquals("789", clamped.asUtf8String());
        assertEquals("bytes 7-9/10", clamped.response().contentRange());
    }

    @Test
    void aRangeStartingPastTheEndIsNotSatisfiable() {
        client.putObject(b -> b.bucket("media").key("digits"), RequestBody.fromString("0123456789"));

        S3Exception e = assertThrows(
                S3Exception.class,
                () -> client.getObjectAsBytes(
                        b -> b.bucket("media").key("digits").range("bytes=10-")));

        assertEquals(416, e.statusCode());
        assertEquals("InvalidRange", e.awsErrorDetails().errorCode());
    }

    @Test
    void deletedObjectsAreGoneAndLeaveNoEmptyDirectories() {
        client.putObject(b -> b.bucket("media").key("a/b/c.txt"), RequestBody.fromString("x"));

        client.deleteObject(b -> b.bucket("media").key("a/b/c.txt"));

        assertThrows(
                NoSuchKeyException.class,
                () -> client.headObject(b -> b.bucket("media").key("a/b/c.txt")));
        assertFalse(Files.exists(s3.dataDir().resolve("s3/media/a")));
        assertFalse(Files.exists(s3.dataDir().resolve("s3/.orez/meta/media/a")));
        // Deleting a missing key succeeds, as in S3.
        client.deleteObject(b -> b.bucket("media").key("a/b/c.txt"));
    }

    @Test
    void missingKeysAndBucketsAreS3Errors() {
        assertThrows(
                NoSuchKeyException.class,
                () -> client.getObjectAsBytes(b -> b.bucket("media").key("nope")));
        assertThrows(
                NoSuchBucketException.class,
                () -> client.getObjectAsBytes(b -> b.bucket("nope").key("x")));
        S3Exception headMissing = assertThrows(
                S3Exception.class,
                () -> client.headObject(b -> b.bucket("media").key("nope")));
        assertEquals(404, headMissing.statusCode());
    }

    @Test
    void deleteObjectsDeletesEachKeyAndReportsEachOne() {
        for (String key : List.of("one", "two", "dir/three")) {
            client.putObject(b -> b.bucket("media").key(key), RequestBody.fromString(key));
        }

        DeleteObjectsResponse response = client.deleteObjects(b -> b.bucket("media")
                .delete(d -> d.objects(
                        ObjectIdentifier.builder().key("one").build(),
                        ObjectIdentifier.builder().key("dir/three").build(),
                        ObjectIdentifier.builder().key("never-existed").build())));

        assertEquals(
                List.of("one", "dir/three", "never-existed"),
                response.deleted().stream().map(d -> d.key()).toList());
        assertTrue(response.errors().isEmpty());
        assertEquals(
                List.of("two"),
                client.listObjectsV2(b -> b.bucket("media")).contents().stream()
                        .map(o -> o.key())
                        .toList());
    }

    @Test
    void aKeyThatWouldHaveToBeBothFileAndDirectoryIsRefusedNotCorrupted() {
        client.putObject(b -> b.bucket("media").key("a"), RequestBody.fromString("file a"));

        S3Exception e = assertThrows(
                S3Exception.class,
                () -> client.putObject(b -> b.bucket("media").key("a/b"), RequestBody.fromString("under a")));

        assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
        assertEquals(
                "file a",
                client.getObjectAsBytes(b -> b.bucket("media").key("a")).asUtf8String());
    }

    @Test
    void keysWithSpacesPlusSignsAndUnicodeRoundTrip() {
        String key = "photos/summer 2024/beach+sunset/café ☀.jpg";
        client.putObject(b -> b.bucket("media").key(key), RequestBody.fromString("sun"));

        assertEquals(
                "sun", client.getObjectAsBytes(b -> b.bucket("media").key(key)).asUtf8String());
        assertEquals(
                List.of(key),
                client.listObjectsV2(b -> b.bucket("media")).contents().stream()
                        .map(o -> o.key())
                        .toList());
        assertTrue(Files.exists(s3.dataDir().resolve("s3/media/" + key)));
    }

    static String md5Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}
