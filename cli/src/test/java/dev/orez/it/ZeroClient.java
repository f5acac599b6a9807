package dev.orez.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The real Zero client in Node ({@code watch-notes.mjs} of a {@link ZeroApp}) watching table {@code note}. */
final class ZeroClient implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private ZeroClient(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collect, "zero-client-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ZeroClient start(Path node, Path script, int zeroPort) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(node.toString(), script.toString())
                .directory(script.getParent().toFile())
                .redirectErrorStream(true);
        builder.environment().put("ZERO_URL", "http://127.0.0.1:" + zeroPort);
        return new ZeroClient(builder.start());
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
        awaitOutput(() -> latestResult().contains(expected), timeout, "the Zero client did not see " + ids);
    }

    /** Waits, holding {@code lines}, until {@code seen} holds; fails with {@code failure} and the output if not. */
    private void awaitOutput(BooleanSupplier seen, Duration timeout, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (!seen.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError(
                            failure + " within " + timeout + "; it printed:\n" + String.join("\n", lines));
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** The last query result the client printed (other lines report mutations), or "" before the first. */
    private String latestResult() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("{\"result\"")) {
                return lines.get(i);
            }
        }
        return "";
    }

    /** Inserts a note with the client's CRUD mutator and waits until zero-cache confirms it was applied upstream. */
    void insert(String id, String body, Duration timeout) throws IOException, InterruptedException {
        process.getOutputStream().write(("insert " + id + " " + body + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        String confirmed = "{\"mutated\":\"" + id + "\"}";
        awaitOutput(
                () -> lines.contains(confirmed), timeout, "the Zero client's insert of " + id + " was not confirmed");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close(); // the script exits when its stdin ends
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
