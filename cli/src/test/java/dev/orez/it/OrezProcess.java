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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar orez.jar ARGS} as a user starts it, with its output collected for assertions. */
final class OrezProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private OrezProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::collect, "orez-output");
        reader.setDaemon(true);
        reader.start();
    }

    static OrezProcess start(Path workingDir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar().toString()));
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        builder.environment().put("NO_COLOR", "1");
        return new OrezProcess(builder.start());
    }

    /** The processes orez started, directly or not: its relaunched JVM, zero-cache and zero-cache's workers. */
    List<ProcessHandle> descendants() {
        return process.toHandle().descendants().toList();
    }

    static Path jar() {
        String jar = System.getProperty("orez.jar");
        if (jar == null) {
            throw new IllegalStateException("the orez.jar system property is set by failsafe (mvn verify)");
        }
        return Path.of(jar);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void collect() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                System.out.println("  | " + line);
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** The first group of the first output line matching {@code regex}, waiting up to {@code timeout}. */
    String await(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    Matcher matcher = pattern.matcher(lines.get(seen));
                    if (matcher.find()) {
                        return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && seen == lines.size())) {
                    throw new AssertionError("orez did not print /" + regex + "/ within " + timeout
                            + (process.isAlive() ? "" : " (it exited)") + "; output:\n" + output());
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 200_000_000L))));
            }
        }
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Waits for a command that ends by itself (pg_dump, pg_restore); returns the exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("orez did not finish within " + timeout + "; output:\n" + output());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** SIGTERM, as a service manager or {@code kill} sends it; returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        // Not Process.destroy(): it also closes our end of the output pipe, losing what orez says while stopping.
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("orez did not stop within " + timeout + " of SIGTERM; output:\n" + output());
        }
        reader.join(5_000); // its last lines are still in the pipe
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
