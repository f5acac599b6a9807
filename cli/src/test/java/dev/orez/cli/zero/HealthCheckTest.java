package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthCheckTest {
    @ParameterizedTest
    @CsvSource({"200, true", "204, true", "404, true", "500, false", "503, false", "302, false"})
    void aStatusCountsAsHealthyWhenItIsSuccessOrNotFound(int status, boolean healthy) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            assertEquals(healthy, HealthCheck.answers(server.getAddress().getPort()));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void nothingListeningIsNotHealthy() throws IOException {
        assertFalse(HealthCheck.answers(FakeZeroCache.freePort()));
    }

    @Test
    void aListenerThatNeverAnswersIsNotHealthy() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFalse(HealthCheck.answers(silent.getLocalPort()));
        }
    }

    @Test
    void statusLinesAreParsed() {
        assertEquals(200, HealthCheck.statusCode("HTTP/1.1 200 OK"));
        assertEquals(404, HealthCheck.statusCode("HTTP/1.0 404"));
        assertEquals(-1, HealthCheck.statusCode("SSH-2.0-OpenSSH"));
        assertEquals(-1, HealthCheck.statusCode(null));
        assertTrue(HealthCheck.statusCode("HTTP/1.1 abc") < 0);
    }
}
