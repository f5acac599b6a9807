package dev.orez.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellHookTest {
    private static final HookEnvironment CONTEXT = new HookEnvironment(
            "postgresql://user:password@127.0.0.1:6434/postgres",
            "postgresql://user:password@127.0.0.1:6434/zero_cvr",
            "postgresql://user:password@127.0.0.1:6434/zero_cdb",
            6434,
            5849);

    @TempDir
    Path temp;

    /** The parent environment: a PATH for the shell, one variable of its own, one orez overrides. */
    private static Map<String, String> parent() {
        Map<String, String> parent = new HashMap<>();
        parent.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        parent.put("FROM_PARENT", "kept");
        parent.put("DATABASE_URL", "postgresql://somewhere-else/db");
        return parent;
    }

    private Map<String, String> envSeenBy(String hookName, Map<String, String> additions) throws IOException {
        Path out = temp.resolve(hookName + ".env");
        new ShellHook(hookName, "env > '" + out + "'", ShellHook.DEFAULT_TIMEOUT).run(parent(), additions);
        return Files.readAllLines(out).stream()
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(
                        line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1),
                        (first, second) -> second));
    }

    @Test
    void onDbReadySeesTheDatabaseUrlsAndPorts() throws IOException {
        Map<String, String> env = envSeenBy(ShellHook.ON_DB_READY, CONTEXT.forDbReady());

        assertEquals(CONTEXT.upstreamUrl(), env.get("DATABASE_URL"));
        assertEquals(CONTEXT.upstreamUrl(), env.get("ZERO_UPSTREAM_DB"));
        assertEquals(CONTEXT.cvrUrl(), env.get("ZERO_CVR_DB"));
        assertEquals(CONTEXT.cdbUrl(), env.get("ZERO_CHANGE_DB"));
        assertEquals("6434", env.get("OREZ_PG_PORT"));
        assertEquals("5849", env.get("OREZ_ZERO_PORT"));
        assertEquals("kept", env.get("FROM_PARENT"));
    }

    @Test
    void onHealthySeesTheUpstreamAndPortsOnly() throws IOException {
        Map<String, String> env = envSeenBy(ShellHook.ON_HEALTHY, CONTEXT.forHealthy());

        assertEquals(CONTEXT.upstreamUrl(), env.get("DATABASE_URL"));
        assertEquals("6434", env.get("OREZ_PG_PORT"));
        assertEquals("5849", env.get("OREZ_ZERO_PORT"));
        assertFalse(env.containsKey("ZERO_CVR_DB"));
        assertEquals("kept", env.get("FROM_PARENT"));
    }

    @Test
    void aNonZeroExitFailsNamingTheHookAndCode() {
        ShellHook hook = new ShellHook(ShellHook.ON_DB_READY, "exit 3", ShellHook.DEFAULT_TIMEOUT);

        StartupStepException failure =
                assertThrows(StartupStepException.class, () -> hook.run(parent(), CONTEXT.forDbReady()));
        assertTrue(failure.getMessage().startsWith("on-db-ready exited with code 3"), failure.getMessage());
    }

    @Test
    void aHookPastItsTimeoutIsStoppedWithWhatItStarted() throws Exception {
        Path childPid = temp.resolve("child.pid");
        ShellHook hook = new ShellHook(
                ShellHook.ON_HEALTHY, "sleep 60 & echo $! > '" + childPid + "'; wait", Duration.ofMillis(1500));

        long started = System.nanoTime();
        StartupStepException failure =
                assertThrows(StartupStepException.class, () -> hook.run(parent(), CONTEXT.forHealthy()));
        assertTrue(failure.getMessage().startsWith("on-healthy did not finish within 1500 ms"), failure.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 20);

        long pid = Long.parseLong(Files.readString(childPid).strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (running(pid) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(running(pid), "the hook's background sleep was stopped too");
    }

    /** Alive and, on Linux, not a zombie left for whoever inherited it to reap. */
    private static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (command) state ...": the state follows the last parenthesis
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return !Files.isDirectory(Path.of("/proc/self"));
        }
    }
}
