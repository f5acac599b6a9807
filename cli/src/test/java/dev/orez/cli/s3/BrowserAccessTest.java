package dev.orez.cli.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What a web app does: the server hands out a presigned URL, the browser uploads to it directly from another
 * origin (after a CORS preflight) and reads the object back.
 */
class BrowserAccessTest {
    private static final String APP_ORIGIN = "http://localhost:5173";

    @RegisterExtension
    final RunningS3Server s3 = new RunningS3Server();

    private final HttpClient http = HttpClient.newHttpClient();
    private S3Client client;

    @BeforeEach
    void createBucket() {
        client = s3.client();
        client.createBucket(b -> b.bucket("uploads"));
    }

    @Test
    void aPresignedPutUploadsWithAPlainHttpClient() throws Exception {
        S3Presigner presigner = s3.presigner();
        URI url = presigner
                .presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(PutObjectRequest.builder()
                                .bucket("uploads")
                                .key("avatars/u1.png")
                                .contentType("image/png")
                                .build()))
                .url()
                .toURI();

        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(url)
                        .header("Content-Type", "image/png")
                        .PUT(HttpRequest.BodyPublishers.ofString("png bytes"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, put.statusCode(), put.body());
        assertTrue(url.getRawQuery().contains("X-Amz-Signature="), "really a presigned URL: " + url);
        ResponseBytes<GetObjectResponse> stored =
                client.getObjectAsBytes(b -> b.bucket("uploads").key("avatars/u1.png"));
        assertEquals("png bytes", stored.asUtf8String());
        assertEquals("image/png", stored.response().contentType());
        assertEquals(stored.response().eTag(), put.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void aPresignedGetCanAskForADownloadFileName() throws Exception {
        client.putObject(b -> b.bucket("uploads").key("report"), RequestBody.fromString("r"));
        URI url = s3.presigner()
                .presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(GetObjectRequest.builder()
                                .bucket("uploads")
                                .key("report")
                                .responseContentDisposition("attachment; filename=\"report.txt\"")
                                .build()))
                .url()
                .toURI();

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, get.statusCode());
        assertEquals("r", get.body());
        assertEquals(
                "attachment; filename=\"report.txt\"",
                get.headers().firstValue("Content-Disposition").orElseThrow());
    }

    @Test
    void aCorsPreflightAllowsTheUploadTheBrowserAsksAbout() throws Exception {
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(s3.endpoint().resolve("/uploads/avatars/u1.png"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", APP_ORIGIN)
                        .header("Access-Control-Request-Method", "PUT")
                        .header("Access-Control-Request-Headers", "content-type, authorization, x-amz-meta-owner")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, preflight.statusCode());
        assertEquals("", preflight.body());
        assertEquals("*", header(preflight, "Access-Control-Allow-Origin"));
        assertTrue(
                List.of(header(preflight, "Access-Control-Allow-Methods").split(",\\s*"))
                        .contains("PUT"),
                header(preflight, "Access-Control-Allow-Methods"));
        // Echoed, not "*": browsers do not let the wildcard cover Authorization.
        assertEquals(
                "content-type, authorization, x-amz-meta-owner", header(preflight, "Access-Control-Allow-Headers"));
    }

    @Test
    void everyResponseCarriesCorsHeadersAndExposesTheETag() throws Exception {
        client.putObject(b -> b.bucket("uploads").key("a.txt"), RequestBody.fromString("a"));
        Map<String, String> requests = Map.of("/uploads/a.txt", "GET", "/uploads/missing.txt", "GET", "/", "PATCH");

        for (Map.Entry<String, String> request : requests.entrySet()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(s3.endpoint().resolve(request.getKey()))
                            .method(request.getValue(), HttpRequest.BodyPublishers.noBody())
                            .header("Origin", APP_ORIGIN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals("*", header(response, "Access-Control-Allow-Origin"), request.toString());
            assertTrue(header(response, "Access-Control-Expose-Headers").contains("ETag"), request.toString());
        }
    }

    @Test
    void errorsAreS3XmlDocuments() throws Exception {
        HttpResponse<String> missing = http.send(
                HttpRequest.newBuilder(s3.endpoint().resolve("/uploads/missing.txt"))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> wrongMethod = http.send(
                HttpRequest.newBuilder(s3.endpoint().resolve("/"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, missing.statusCode());
        assertEquals("application/xml", header(missing, "Content-Type"));
        assertTrue(missing.body().contains("<Code>NoSuchKey</Code>"), missing.body());
        assertTrue(missing.body().contains("<Resource>/uploads/missing.txt</Resource>"), missing.body());
        assertEquals(405, wrongMethod.statusCode());
        assertTrue(wrongMethod.body().contains("<Code>MethodNotAllowed</Code>"), wrongMethod.body());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("(missing " + name + ")");
    }
}
