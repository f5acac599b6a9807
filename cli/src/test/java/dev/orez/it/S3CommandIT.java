package dev.orez.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orez.cli.net.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code orez s3} from the jar: only the S3 server, objects stored under the data directory. */
class S3CommandIT {
    @TempDir
    Path dir;

    @Test
    void servesObjectsUnderTheDataDirectoryUntilSigterm() throws Exception {
        int port = Ports.findFree(0);
        Path dataDir = dir.resolve("data");
        try (OrezProcess s3 = OrezProcess.start(dir, List.of("s3", "--s3-port=" + port, "--data-dir=" + dataDir))) {
            s3.await("S3 ready at (http://127\\.0\\.0\\.1:" + port + ")", Duration.ofSeconds(60));
            HttpClient http = HttpClient.newHttpClient();
            URI object = URI.create("http://127.0.0.1:" + port + "/uploads/hello.txt");
            HttpResponse<Void> put = http.send(
                    HttpRequest.newBuilder(object)
                            .PUT(HttpRequest.BodyPublishers.ofString("hi"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(200, put.statusCode());
            assertEquals("hi", Files.readString(dataDir.resolve("s3/uploads/hello.txt")));
            assertEquals(0, s3.terminate(Duration.ofSeconds(30)), "a SIGTERM is a clean stop");
        }
    }
}
