package dev.orez.cli.zero;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.cli.log.LogLevel;
import dev.orez.cli.process.ProcessTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One run of zero-cache: {@code node cli.js} started with exactly the given environment, its output read line by
 * line into orez's log and a tail kept for crash reports. It knows nothing about restarting; see
 * {@link ZeroCacheSupervisor}.
 */
final class ZeroCacheProcess {
    private static final Log LOG = Log.of(Component.ZERO);

    /** zero-cache drains its connections and closes the replica on SIGTERM; this is how long it gets. */
    static final Duration TERMINATE_GRACE = Duration.ofSeconds(5);
    /** After SIGKILL the kernel needs a moment to reap; waiting for it makes "stopped" mean gone. */
    static final Duration KILL_GRACE = Duration.ofSeconds(1);

    private final Process process;
    private final OutputTail tail = new OutputTail();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    /** Workers seen while it ran, so they can be found again after zero-cache itself has died. */
    private volatile List<ProcessHandle> knownWorkers = List.of();

    private ZeroCacheProcess(Process process) {
        this.process = process;
        this.stdoutReader = startReader(process.getInputStream(), false);
        this.stderrReader = startReader(process.getErrorStream(), true);
    }

    /**
     * Starts {@code node cliJs} in {@code workingDir}. Standard input stays an open pipe that orez never writes:
     * when orez dies, however abruptly, the pipe closes, so whatever watches it in zero-cache's processes sees
     * end-of-file and can exit rather than live on as an orphan.
     */
    static ZeroCacheProcess launch(Path node, Path cliJs, Path workingDir, Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(node.toString(), cliJs.toString())
                .directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        // The environment is complete (it already layers the user's over orez's defaults), so it replaces ours.
        builder.environment().clear();
        builder.environment().putAll(environment);
        ZeroCacheProcess started = new ZeroCacheProcess(builder.start());
        LOG.debug("started zero-cache (pid " + started.pid() + "): " + node + " " + cliJs);
        return started;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once it has exited. */
    OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Completes when the process has exited. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Remembers the workers zero-cache has started so far (it starts them before it answers HTTP). If zero-cache
     * crashes, they are orphans and no longer its descendants; {@link #stop} then still finds them. A remembered
     * handle is tied to its process's start time, so a reused pid is never signalled.
     */
    void rememberWorkers() {
        knownWorkers = process.descendants().collect(Collectors.toList());
    }

    /**
     * Up to {@code count} of the last lines it printed. After it exited, waits briefly for the readers to take in
     * what is still in the pipes, since the last lines before a crash are the telling ones.
     */
    List<String> lastLines(int count) {
        if (!process.isAlive()) {
            awaitReaders(Duration.ofSeconds(1));
        }
        return tail.last(count);
    }

    /** The last lines as an indented block, for a log message. */
    String lastLinesBlock(int count) {
        List<String> lines = lastLines(count);
        return lines.isEmpty()
                ? " (no output)"
                : lines.stream().map(line -> "\n    " + line).collect(Collectors.joining());
    }

    /**
     * Ends zero-cache and the workers it started: SIGTERM to all of them, then SIGKILL to whatever is still
     * running after {@link #TERMINATE_GRACE}. The workers are listed first because once the parent is gone they
     * are no longer its descendants; those of an already dead zero-cache are the {@linkplain #rememberWorkers
     * remembered} ones. Also used after a crash, to end workers it left behind.
     */
    void stop() {
        // An interrupted stop must still give zero-cache its grace period and collect its last lines; the
        // interrupt is restored at the end.
        boolean interrupted = Thread.interrupted();
        try {
            stopTree();
            closeStdin();
            awaitReaders(Duration.ofSeconds(1));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopTree() {
        List<ProcessHandle> tree = Stream.of(
                        process.descendants(), knownWorkers.stream(), Stream.of(process.toHandle()))
                .flatMap(handles -> handles)
                .filter(ProcessHandle::isAlive)
                .distinct()
                .collect(Collectors.toList());
        List<ProcessHandle> killed = ProcessTree.stop(tree, TERMINATE_GRACE, KILL_GRACE);
        if (!killed.isEmpty()) {
            LOG.debug("zero-cache processes "
                    + killed.stream().map(ProcessHandle::pid).collect(Collectors.toList())
                    + " ignored SIGTERM for " + TERMINATE_GRACE.toSeconds() + "s and were killed");
        }
    }

    private void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("closing zero-cache's stdin: " + e.getMessage());
        }
    }

    private void awaitReaders(Duration timeout) {
        // Workers that inherited the pipes can hold them open after zero-cache itself exits, hence the bound.
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread reader : List.of(stdoutReader, stderrReader)) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMillis > 0) {
                try {
                    reader.join(leftMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Thread startReader(InputStream stream, boolean stderr) {
        String name = "orez-zero-" + (stderr ? "stderr" : "stdout") + "-" + process.pid();
        Thread reader = new Thread(() -> readLines(stream, stderr), name);
        // Never keeps orez alive; the supervisor stops zero-cache on shutdown.
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private void readLines(InputStream stream, boolean stderr) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty()) {
                    tail.add(trimmed);
                    print(trimmed, stderr);
                }
            }
        } catch (IOException e) {
            // The pipe closes under us when the process is killed; nothing is lost that matters.
            LOG.debug("stopped reading zero-cache's " + (stderr ? "stderr" : "stdout") + ": " + e.getMessage());
        }
    }

    private static void print(String line, boolean stderr) {
        if (ZeroOutput.consoleLevel(line, stderr) == LogLevel.WARN) {
            LOG.warn(line);
        } else {
            LOG.debug(line);
        }
    }
}
