package dev.orez.cli.db;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.cli.process.ProcessTree;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A user's lifecycle hook ({@code --on-db-ready}, {@code --on-healthy}): a command run by the system shell
 * with orez's terminal (stdio inherited, as in the original) and the parent environment plus orez's
 * variables. Startup waits for it; a non-zero exit or running past the timeout fails startup, and a hook
 * past its timeout is stopped with everything it started.
 */
public final class ShellHook {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final String ON_DB_READY = "on-db-ready";
    public static final String ON_HEALTHY = "on-healthy";

    /** How long a stopped hook gets to exit on SIGTERM before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    /** Then killed, they get this long to be reaped. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(1);

    private static final Log LOG = Log.of(Component.OREZ);

    private final String name;
    private final String command;
    private final Duration timeout;

    /**
     * @param name how the hook is named in logs and errors ({@link #ON_DB_READY}, {@link #ON_HEALTHY})
     * @param command a shell command line
     * @param timeout how long startup waits for it
     */
    public ShellHook(String name, String command, Duration timeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.command = Objects.requireNonNull(command, "command");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("hook timeout must be positive: " + timeout);
        }
    }

    /**
     * Runs the command and waits for it; logs {@code <name> done} when it exits with 0.
     *
     * @param parentEnvironment the environment orez passes on (usually {@link System#getenv()})
     * @param additions orez's variables, which win over the parent's ({@link HookEnvironment})
     * @throws StartupStepException when it cannot start, exits non-zero or times out
     */
    public void run(Map<String, String> parentEnvironment, Map<String, String> additions) {
        ProcessBuilder builder = new ProcessBuilder(shell(command)).inheritIO();
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(parentEnvironment);
        environment.putAll(additions);
        LOG.debug("running " + name + ": " + command);

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StartupStepException("cannot start " + name + " (" + command + "): " + e.getMessage(), e);
        }
        int exitCode;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.stop(ProcessTree.of(process), GRACE, KILL_GRACE);
                throw new StartupStepException(
                        name + " did not finish within " + describe(timeout) + " and was stopped (" + command + ")");
            }
            exitCode = process.exitValue();
        } catch (InterruptedException e) {
            ProcessTree.stop(ProcessTree.of(process), GRACE, KILL_GRACE);
            Thread.currentThread().interrupt();
            throw new StartupStepException(name + " was interrupted", e);
        }
        if (exitCode != 0) {
            throw new StartupStepException(name + " exited with code " + exitCode + " (" + command + ")");
        }
        LOG.info(name + " done");
    }

    private static List<String> shell(String command) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return List.of("cmd.exe", "/c", command);
        }
        return List.of("/bin/sh", "-c", command);
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
