package dev.orez.cli.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

class RestartTest {
    @RegisterExtension
    final RunningS3Server s3 = new RunningS3Server();

    @Test
    void bucketsObjectsAndTheirHeadersSurviveARestart() throws Exception {
        S3Client before = s3.client();
        before.createBucket(b -> b.bucket("keep"));
        String etag = before.putObject(
                        b -> b.bucket("keep")
                                .key("notes/today.md")
                                .contentType("text/markdown")
                                .metadata(Map.of("author", "grace")),
                        RequestBody.fromString("# today"))
                .eTag();

        s3.restart();
        S3Client after = s3.client();

        ResponseBytes<GetObjectResponse> object =
                after.getObjectAsBytes(b -> b.bucket("keep").key("notes/today.md"));
        assertEquals("# today", object.asUtf8String());
        assertEquals("text/markdown", object.response().contentType());
        assertEquals(Map.of("author", "grace"), object.response().metadata());
        assertEquals(etag, object.response().eTag());
        assertEquals(
                List.of("keep"),
                after.listBuckets().buckets().stream().map(Bucket::name).toList());
        assertEquals(
                List.of("notes/today.md"),
                after.listObjectsV2(b -> b.bucket("keep")).contents().stream()
                        .map(S3Object::key)
                        .toList());
    }

    @Test
    void aMultipartUploadInProgressCanBeCompletedAfterARestart() throws Exception {
        S3Client before = s3.client();
        String uploadId = before.createMultipartUpload(b -> b.bucket("later").key("resumed.bin"))
                .uploadId();
        String etag = before.uploadPart(
                        b -> b.bucket("later")
                                .key("resumed.bin")
                                .uploadId(uploadId)
                                .partNumber(1),
                        RequestBody.fromString("part one"))
                .eTag();

        s3.restart();
        s3.client().completeMultipartUpload(b -> b.bucket("later")
                .key("resumed.bin")
                .uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));

        assertEquals(
                "part one",
                s3.client()
                        .getObjectAsBytes(b -> b.bucket("later").key("resumed.bin"))
                        .asUtf8String());
    }

    @Test
    void bodiesLeftHalfReceivedByACrashAreDeletedAtStart() throws Exception {
        Path leftover = s3.dataDir().resolve("s3/.orez/staging/body-123.tmp");
        Files.writeString(leftover, "half an upload");

        s3.restart();

        assertFalse(Files.exists(leftover));
    }
}
