package dev.orez.cli.zero;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs the pinned npm ({@code <node> <npm>/bin/npm-cli.js ...}) and passes its output on line by line. npm says
 * little while it installs, so a quiet npm is reported as still running every {@value #QUIET_SECONDS} seconds. A
 * failure throws with npm's last lines, which is where npm says what went wrong.
 */
final class NpmProcess {
    private static final int TAIL_LINES = 25;
    static final long QUIET_SECONDS = 15;

    private final Path node;
    private final Path npmCli;

    NpmProcess(Path node, Path npmCli) {
        this.node = node;
        this.npmCli = npmCli;
    }

    /**
     * Runs {@code npm <arguments>} in {@code workingDir} with {@code environment} added to orez's own. The node that
     * runs npm goes first on the child's PATH: npm starts install scripts through {@code node} on PATH, and those
     * must not run on an older node the machine happens to have.
     */
    void run(List<String> arguments, Path workingDir, Map<String, String> environment, Consumer<String> progress)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(node.toString(), npmCli.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> childEnvironment = builder.environment();
        childEnvironment.putAll(environment);
        String pathVariable = childEnvironment.keySet().stream()
                .filter(name -> name.equalsIgnoreCase("PATH"))
                .findFirst()
                .orElse("PATH");
        String inheritedPath = childEnvironment.get(pathVariable);
        String nodeDir = node.toAbsolutePath().getParent().toString();
        childEnvironment.put(
                pathVariable, inheritedPath == null ? nodeDir : nodeDir + File.pathSeparator + inheritedPath);

        Process process = builder.start();
        process.getOutputStream().close();
        // If orez is stopped (Ctrl-C) mid-install, npm must stop too: left running, it would keep writing into a
        // directory the next orez removes and reinstalls.
        Thread stopNpm = new Thread(process::destroy, "stop npm");
        Runtime.getRuntime().addShutdownHook(stopNpm);
        // Lines come from this thread and the still-running reports from another; the consumer sees one at a time.
        Object oneAtATime = new Object();
        Consumer<String> serialized = line -> {
            synchronized (oneAtATime) {
                progress.accept(line);
            }
        };
        AtomicLong lastOutput = new AtomicLong(System.nanoTime());
        ScheduledExecutorService stillRunning = reportWhileQuiet(arguments, lastOutput, serialized);
        try {
            Deque<String> tail = relayOutput(process, lastOutput, serialized);
            int exit = waitFor(process);
            if (exit != 0) {
                throw new IOException("npm " + String.join(" ", arguments) + " failed in " + workingDir + " (exit "
                        + exit + "); its last lines:\n  " + String.join("\n  ", tail));
            }
        } finally {
            stillRunning.shutdownNow();
            process.destroy();
            removeHook(stopNpm);
        }
    }

    private static ScheduledExecutorService reportWhileQuiet(
            List<String> arguments, AtomicLong lastOutput, Consumer<String> progress) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "npm still running");
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        scheduler.scheduleAtFixedRate(
                () -> {
                    long now = System.nanoTime();
                    if (now - lastOutput.get() >= TimeUnit.SECONDS.toNanos(QUIET_SECONDS)) {
                        lastOutput.set(now);
                        progress.accept("npm " + arguments.get(0) + " is still running ("
                                + TimeUnit.NANOSECONDS.toSeconds(now - started) + " s)");
                    }
                },
                QUIET_SECONDS,
                QUIET_SECONDS,
                TimeUnit.SECONDS);
        return scheduler;
    }

    private static Deque<String> relayOutput(Process process, AtomicLong lastOutput, Consumer<String> progress)
            throws IOException {
        Deque<String> tail = new ArrayDeque<>(TAIL_LINES);
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                if (tail.size() == TAIL_LINES) {
                    tail.removeFirst();
                }
                tail.addLast(line);
                lastOutput.set(System.nanoTime());
                progress.accept("npm: " + line);
            }
        }
        return tail;
    }

    private static int waitFor(Process process) throws IOException {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while npm was running");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }
}
