package dev.orez.cli.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A server on a fresh data directory and a free port for each test, with AWS SDK clients configured as an
 * app would configure them for a local S3: path-style, us-east-1, made-up static credentials (so requests
 * are signed, and uploads use the SDK's signed aws-chunked bodies).
 */
final class RunningS3Server implements BeforeEachCallback, AfterEachCallback {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("orez-access-key", "orez-secret-key"));

    private final List<AutoCloseable> clients = new ArrayList<>();
    private Path sandbox;
    private Path dataDir;
    private S3Server server;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        sandbox = Files.createTempDirectory("orez-s3-test");
        dataDir = sandbox.resolve("data");
        server = S3Server.start(new S3Config(dataDir, 0));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        clients.clear();
        server.close();
        FileTrees.deleteRecursively(sandbox);
    }

    S3Server server() {
        return server;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The directory holding the data directory, where a path escaping the data directory would land. */
    Path sandbox() {
        return sandbox;
    }

    int port() {
        return server.port();
    }

    URI endpoint() {
        return server.endpoint();
    }

    /** Stops the server and starts a new one on the same data directory; clients made before keep the old port. */
    void restart() throws IOException {
        server.close();
        server = S3Server.start(new S3Config(dataDir, 0));
    }

    S3Client client() {
        return track(S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .forcePathStyle(true)
                .build());
    }

    /** The SDK's asynchronous client with its own multipart upload path enabled (8 MiB parts by default). */
    S3AsyncClient multipartClient() {
        return track(S3AsyncClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .forcePathStyle(true)
                .multipartEnabled(true)
                .build());
    }

    S3Presigner presigner() {
        return track(S3Presigner.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build());
    }

    private <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }
}
