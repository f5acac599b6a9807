package dev.orez.cli.zero;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Waits for a starting zero-cache to answer HTTP. zero-cache opens its port only once it has synced its replica
 * and is ready for clients, so an answer means ready. Any 2xx counts, and so does 404: versions that serve
 * nothing at {@code /} still answer from a live server.
 */
final class HealthCheck {
    private static final String HOST = "127.0.0.1";
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    /** How many of its last lines a failure report includes. */
    static final int REPORTED_LINES = 20;

    private HealthCheck() {}

    /**
     * Returns once zero-cache on {@code port} answers; fails as soon as {@code process} exits, or when
     * {@code timeout} has passed.
     *
     * @throws ZeroCacheException if it exited (with its exit code and last lines) or never answered in time
     */
    static void awaitHealthy(ZeroCacheProcess process, int port, Duration timeout)
            throws ZeroCacheException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            failIfExited(process);
            if (answers(port)) {
                // It may have answered and crashed in the same moment; a dead process is not healthy.
                failIfExited(process);
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ZeroCacheException("zero-cache (pid " + process.pid() + ") did not become healthy within "
                        + Durations.describe(timeout) + " on port " + port + "; last lines:"
                        + process.lastLinesBlock(REPORTED_LINES));
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /**
     * Whether something on {@code port} answers {@code GET /} with a status that means a live zero-cache. A bare
     * socket rather than an HTTP client: one request, one status line, no connection pool or client logging, and
     * the timeout covers connecting and answering alike.
     */
    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            int timeoutMillis = (int) PROBE_TIMEOUT.toMillis();
            socket.connect(new InetSocketAddress(HOST, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + HOST + ":" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            int status = statusCode(statusLine);
            return (status >= 200 && status < 300) || status == 404;
        } catch (IOException notYet) {
            // Refused or timed out: still starting.
            return false;
        }
    }

    /** The code in a status line such as {@code HTTP/1.1 200 OK}, or -1 if it is not one. */
    static int statusCode(String statusLine) {
        if (statusLine == null || !statusLine.startsWith("HTTP/")) {
            return -1;
        }
        String[] parts = statusLine.split(" ", 3);
        try {
            return parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void failIfExited(ZeroCacheProcess process) throws ZeroCacheException {
        if (!process.isAlive()) {
            throw new ZeroCacheException("zero-cache exited with code "
                    + process.exitCode().orElse(-1) + " before it became healthy; last lines:"
                    + process.lastLinesBlock(REPORTED_LINES));
        }
    }
}
