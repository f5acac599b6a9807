package dev.orez.cli.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLifecycleTest {
    @TempDir
    Path dataDir;

    @Test
    void aPortInUseIsReportedSoTheCallerCanTryTheNextOne() throws IOException {
        try (S3Server first = S3Server.start(new S3Config(dataDir, 0))) {
            IOException e = assertThrows(IOException.class, () -> S3Server.start(new S3Config(dataDir, first.port())));
            assertTrue(e instanceof BindException, e.toString());
        }
    }

    @Test
    void closingReleasesThePortForTheNextStart() throws IOException {
        int port;
        try (S3Server first = S3Server.start(new S3Config(dataDir, 0))) {
            port = first.port();
        }
        try (S3Server again = S3Server.start(new S3Config(dataDir, port))) {
            assertEquals(port, again.port());
            assertEquals("http://127.0.0.1:" + port, again.endpoint().toString());
        }
    }

    @Test
    void theStorageRootIsTheS3DirectoryOfTheDataDir() throws IOException {
        try (S3Server server = S3Server.start(new S3Config(dataDir, 0))) {
            assertEquals(dataDir.resolve("s3").toAbsolutePath(), server.storageRoot());
            assertTrue(Files.isDirectory(server.storageRoot()));
        }
    }

    @Test
    void theDefaultPortIsOrezs() {
        assertEquals(9200, S3Config.of(dataDir).port());
    }
}
