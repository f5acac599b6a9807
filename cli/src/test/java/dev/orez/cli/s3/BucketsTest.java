package dev.orez.cli.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class BucketsTest {
    @RegisterExtension
    final RunningS3Server s3 = new RunningS3Server();

    @Test
    void createdBucketsAreListedInNameOrderAndAreDirectoriesUnderTheDataDir() {
        S3Client client = s3.client();
        client.createBucket(b -> b.bucket("uploads"));
        client.createBucket(b -> b.bucket("avatars"));

        assertEquals(
                List.of("avatars", "uploads"),
                client.listBuckets().buckets().stream().map(Bucket::name).toList());
        assertTrue(client.listBuckets().buckets().get(0).creationDate() != null);
        assertTrue(Files.isDirectory(s3.dataDir().resolve("s3/uploads")));
    }

    @Test
    void headBucketAnswersForExistingBucketsOnly() {
        S3Client client = s3.client();
        client.createBucket(b -> b.bucket("uploads"));

        client.headBucket(b -> b.bucket("uploads"));
        assertThrows(NoSuchBucketException.class, () -> client.headBucket(b -> b.bucket("missing")));
    }

    @Test
    void creatingAnExistingBucketIsAConflict() {
        S3Client client = s3.client();
        client.createBucket(b -> b.bucket("uploads"));

        S3Exception e = assertThrows(S3Exception.class, () -> client.createBucket(b -> b.bucket("uploads")));
        assertEquals(409, e.statusCode());
        assertEquals("BucketAlreadyOwnedByYou", e.awsErrorDetails().errorCode());
    }

    /** The SDK refuses such names itself, so this goes around it, as a hand-written client might. */
    @Test
    void bucketNamesS3WouldRefuseAreRefused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(s3.endpoint().resolve("/Not_Valid"))
                                .PUT(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("<Code>InvalidBucketName</Code>"), response.body());
        assertFalse(Files.exists(s3.dataDir().resolve("s3/Not_Valid")));
    }

    @Test
    void onlyEmptyBucketsCanBeDeleted() {
        S3Client client = s3.client();
        client.createBucket(b -> b.bucket("uploads"));
        client.putObject(b -> b.bucket("uploads").key("a/b.txt"), RequestBody.fromString("x"));

        S3Exception notEmpty = assertThrows(S3Exception.class, () -> client.deleteBucket(b -> b.bucket("uploads")));
        assertEquals(409, notEmpty.statusCode());
        assertEquals("BucketNotEmpty", notEmpty.awsErrorDetails().errorCode());

        client.deleteObject(b -> b.bucket("uploads").key("a/b.txt"));
        client.deleteBucket(b -> b.bucket("uploads"));
        assertTrue(client.listBuckets().buckets().isEmpty());
        assertThrows(NoSuchBucketException.class, () -> client.deleteBucket(b -> b.bucket("uploads")));
    }

    @Test
    void putIntoAMissingBucketCreatesItAsTheOriginalOrezDid() {
        S3Client client = s3.client();
        client.putObject(b -> b.bucket("implicit").key("file.txt"), RequestBody.fromString("hello"));

        client.headBucket(b -> b.bucket("implicit"));
        assertEquals(
                "hello",
                client.getObjectAsBytes(b -> b.bucket("implicit").key("file.txt"))
                        .asUtf8String());
    }
}
