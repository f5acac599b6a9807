package dev.orez.cli.s3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 server's numbers for docs/benchmarks.md (run by bench/s3.sh, not by the test suite): PUT and GET
 * throughput for 1 MiB objects, from one client and from several at once, over plain HTTP (the server's own
 * cost) and through the AWS SDK for Java v2 (what an app sees: signing and aws-chunked bodies included).
 */
public final class S3Benchmark {
    private static final int MIB = 1024 * 1024;
    private static final int CONCURRENT_CLIENTS = 4;

    private interface Transfer {
        void run(int index) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path dataDir = Files.createTempDirectory("orez-s3-bench");
        byte[] body = new byte[MIB];
        new Random(1).nextBytes(body);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        try (S3Server server = S3Server.start(new S3Config(dataDir, 0));
                S3Client sdk = S3Client.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                        .forcePathStyle(true)
                        .build()) {
            URI bucket = server.endpoint().resolve("/bench/");
            send(http, HttpRequest.newBuilder(bucket).PUT(HttpRequest.BodyPublishers.noBody()));
            Transfer put = i -> send(
                    http,
                    HttpRequest.newBuilder(bucket.resolve("o" + i)).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
            Transfer get = i ->
                    send(http, HttpRequest.newBuilder(bucket.resolve("o" + i)).GET());

            measure("warm-up (not reported)", objects, 1, put);
            measure("warm-up (not reported)", objects, 1, get);
            row("PUT 1 MiB, 1 client, java.net.http", measure("PUT", objects, 1, put));
            row("GET 1 MiB, 1 client, java.net.http", measure("GET", objects, 1, get));
            row(
                    "PUT 1 MiB, " + CONCURRENT_CLIENTS + " clients, java.net.http",
                    measure("PUT", objects, CONCURRENT_CLIENTS, put));
            row(
                    "GET 1 MiB, " + CONCURRENT_CLIENTS + " clients, java.net.http",
                    measure("GET", objects, CONCURRENT_CLIENTS, get));
            row(
                    "PUT 1 MiB, 1 client, AWS SDK v2 (signed aws-chunked body)",
                    measure(
                            "PUT",
                            objects,
                            1,
                            i -> sdk.putObject(b -> b.bucket("bench").key("sdk" + i), RequestBody.fromBytes(body))));
            row(
                    "GET 1 MiB, 1 client, AWS SDK v2",
                    measure(
                            "GET",
                            objects,
                            1,
                            i -> sdk.getObjectAsBytes(b -> b.bucket("bench").key("sdk" + i))));
        } finally {
            FileTrees.deleteRecursively(dataDir);
        }
    }

    /** Runs {@code count} transfers spread over {@code clients} threads; returns objects per second. */
    private static double measure(String what, int count, int clients, Transfer transfer) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int first = client;
                running.add(threads.submit(() -> {
                    for (int i = first; i < count; i += clients) {
                        transfer.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            threads.shutdown();
        }
    }

    private static void send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + new String(response.body()));
        }
    }

    private static void row(String measurement, double objectsPerSecond) {
        System.out.printf("| %s | %.0f objects/s = %.0f MiB/s |%n", measurement, objectsPerSecond, objectsPerSecond);
    }
}
