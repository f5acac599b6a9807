package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: provisions zero-cache 1.9.0 (and, on a machine without Node 22+, Node and npm) from the npm registry
 * into orez's default cache, runs it, then locates it again with the registry unreachable. The first run downloads
 * well over 100 MB; later runs, and other tests, find everything cached. A CI machine starts with an empty cache, or
 * sets OREZ_CACHE_DIR.
 */
class ZeroCacheProvisioningTest {
    @TempDir
    Path projectDir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void provisionsARunnableZeroCacheThatIsThenFoundOffline() throws Exception {
        Path cacheDir = ZeroCacheLocator.defaultCacheDir();
        List<String> progress = new ArrayList<>();

        long started = System.nanoTime();
        ZeroCacheCommand provisioned = ZeroCacheLocator.locate(projectDir, cacheDir, line -> {
            progress.add(line);
            System.out.println("[provisioning] " + line);
        });
        Duration provisioning = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("[provisioning] locate took " + provisioning.toMillis() + " ms: " + provisioned);

        assertEquals(
                cacheDir.resolve("zero-1.9.0/node_modules/@rocicorp/zero/out/zero/src/cli.js"), provisioned.cliJs());
        assertTrue(provisioned.source().startsWith("cache "), provisioned.source());
        String help = run(provisioned, "--help");
        assertTrue(help.contains("--upstream-db"), help);

        Map<String, String> offline = new HashMap<>(System.getenv());
        offline.put("npm_config_registry", "http://127.0.0.1:9/");
        offline.put("NPM_CONFIG_REGISTRY", "http://127.0.0.1:9/");
        List<String> offlineProgress = new ArrayList<>();
        started = System.nanoTime();
        ZeroCacheCommand cached = new ZeroCacheLocator(
                        offline::get, System.getProperty("user.home"), projectDir, cacheDir, offlineProgress::add)
                .locate();
        Duration cachedLocate = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("[provisioning] cached locate took " + cachedLocate.toMillis() + " ms");

        assertEquals(provisioned, cached);
        assertTrue(
                offlineProgress.stream().noneMatch(line -> line.contains("download")),
                "nothing is downloaded once cached: " + offlineProgress);
        assertTrue(run(cached, "--help").contains("--upstream-db"));
    }

    /** Runs {@code node cli.js <argument>} and returns everything it printed. */
    private static String run(ZeroCacheCommand command, String argument) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        command.node().toString(), command.cliJs().toString(), argument)
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "zero-cache --help finishes");
        assertTrue(Files.isExecutable(command.node()));
        return output;
    }
}
