package dev.orez.it;

import dev.orez.cli.zero.ZeroCacheCommand;
import dev.orez.cli.zero.ZeroCacheLocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Zero client in Node (test resource {@code zero-client/watch-notes.mjs}) watching table {@code note},
 * run with the same Node and {@code @rocicorp/zero} that orez runs zero-cache from.
 */
final class ZeroClient implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private ZeroClient(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collect, "zero-client-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ZeroClient start(Path projectDir, int zeroPort) throws IOException {
        ZeroCacheCommand zero = ZeroCacheLocator.locate(projectDir, ZeroCacheLocator.defaultCacheDir(), line -> {});
        Path script = projectDir.resolve("watch-notes.mjs");
        try (InputStream resource = ZeroClient.class.getResourceAsStream("/zero-client/watch-notes.mjs")) {
            Files.copy(resource, script);
        }
        ProcessBuilder builder =
                new ProcessBuilder(zero.node().toString(), script.toString()).redirectErrorStream(true);
        builder.environment()
                .put("ZERO_MODULES", modulesDirectoryOf(zero.cliJs()).toString());
        builder.environment().put("ZERO_URL", "http://127.0.0.1:" + zeroPort);
        return new ZeroClient(builder.start());
    }

    /** The directory whose {@code node_modules} holds the package the script belongs to. */
    private static Path modulesDirectoryOf(Path scriptInPackage) {
        for (Path dir = scriptInPackage; dir != null; dir = dir.getParent()) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals("node_modules")) {
                return dir.getParent();
            }
        }
        throw new IllegalStateException(scriptInPackage + " is not inside a node_modules directory");
    }

    private void collect() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                System.out.println("  zero client | " + line);
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the client ended
        }
    }

    /** Waits until the client's latest result holds exactly {@code ids} (in the query's order, by primary key). */
    void awaitIds(List<String> ids, Duration timeout) throws InterruptedException {
        String expected = "\"ids\":["
                + String.join(",", ids.stream().map(id -> "\"" + id + "\"").toList()) + "]";
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (lines.isEmpty() || !lines.get(lines.size() - 1).contains(expected)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("the Zero client did not see " + ids + " within " + timeout
                            + "; it printed:\n" + String.join("\n", lines));
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close(); // the script exits when its stdin ends
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
