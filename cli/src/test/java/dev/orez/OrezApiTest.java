package dev.orez;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API as a test or an embedding application uses it, without zero-cache. */
class OrezApiTest {
    @TempDir
    Path dir;

    private OrezConfig.Builder config() {
        return OrezConfig.builder()
                .dataDir(dir.resolve("data"))
                .projectDir(dir)
                .pgPort(0)
                .skipZeroCache(true);
    }

    @Test
    void startsServesAndStopsAndKeepsItsDataAcrossARestart() throws Exception {
        int port;
        try (Orez orez = Orez.start(config().s3(true, 0)
                .beforeZero(started -> AppDatabase.execute(
                        started.pgPort(), "CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (7)"))
                .build())) {
            port = orez.pgPort();
            assertTrue(orez.zeroPort().isEmpty());
            assertEquals(
                    "postgresql://user:password@127.0.0.1:" + port + "/zero_cvr", orez.connectionString("zero_cvr"));
            assertEquals(
                    "vector,pg_trgm",
                    AppDatabase.single(
                            orez.pgPort(),
                            "SELECT string_agg(extname, ',' ORDER BY extname DESC) FROM pg_extension WHERE extname IN ('vector', 'pg_trgm')"));
            assertThrows(IllegalArgumentException.class, () -> orez.database("nope"));
            assertTrue(Files.exists(dir.resolve("data/orez.pid")));
            URI s3 = orez.s3Endpoint().orElseThrow();
            HttpResponse<Void> buckets = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(s3).GET().build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, buckets.statusCode());
        }
        assertFalse(Files.exists(dir.resolve("data/orez.pid")), "the claim ends with orez");
        assertFalse(accepts(port), "the Postgres port is closed");

        try (Orez again = Orez.start(config().build())) {
            assertEquals("7", AppDatabase.single(again.pgPort(), "SELECT id FROM kept"));
        }
    }

    @Test
    void aFailedStepSaysWhichAndUndoesTheStepsBeforeIt() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("0001_broken.sql"), "CREATE TABLE t (id int;");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        OrezException failure = assertThrows(
                OrezException.class,
                () -> Orez.start(config().pgPort(port).migrationsDir(migrations).build()));
        assertTrue(failure.getMessage().startsWith("orez could not apply migrations"), failure.getMessage());
        assertTrue(failure.getMessage().contains("0001_broken.sql"), failure.getMessage());
        assertFalse(Files.exists(dir.resolve("data/orez.pid")), "the data directory is released");

        Files.writeString(migrations.resolve("0001_broken.sql"), "CREATE TABLE t (id int);");
        try (Orez fixed = Orez.start(config().migrationsDir(migrations).build())) {
            assertEquals("0001_broken", AppDatabase.single(fixed.pgPort(), "SELECT name FROM migrations"));
        }
    }

    @Test
    void aSecondOrezOnTheSameDataDirectoryIsRefused() {
        try (Orez first = Orez.start(config().build())) {
            OrezException refused = assertThrows(OrezException.class, () -> Orez.start(config().build()));
            assertTrue(refused.getMessage().contains("another orez"), refused.getMessage());
            assertTrue(accepts(first.pgPort()), "the first keeps serving");
        }
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
