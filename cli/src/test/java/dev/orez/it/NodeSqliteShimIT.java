package dev.orez.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orez.cli.zero.ZeroCacheCommand;
import dev.orez.cli.zero.ZeroCacheLocator;
import dev.orez.sqlite.NodeSqliteShim;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Node test suites of the WebAssembly SQLite ({@code sqlite-bedrock/src/test/node}) with the Node zero-cache
 * runs on, against the shim exactly as orez writes it out: the same statements on the native addon and on the shim
 * with identical results, and several processes sharing one WAL2 database.
 */
class NodeSqliteShimIT {
    @TempDir
    Path work;

    @Test
    void theNodeSuitesPass() throws IOException, InterruptedException {
        Path empty = Files.createDirectories(work.resolve("project"));
        ZeroCacheCommand zero = ZeroCacheLocator.locate(
                empty, ZeroCacheLocator.defaultCacheDir(), line -> System.out.println("  provision | " + line));
        Path shim = NodeSqliteShim.install(work.resolve("cache")).getParent();
        Path suites = Path.of(System.getProperty("orez.node.tests"));

        ProcessBuilder node = new ProcessBuilder(
                        zero.node().toString(),
                        "--test",
                        suites.resolve("differential.test.cjs").toString(),
                        suites.resolve("multiprocess.test.cjs").toString())
                .directory(work.toFile())
                .redirectErrorStream(true);
        node.environment().put("OREZ_SQLITE_SHIM_DIR", shim.toString());
        node.environment()
                .put(
                        "OREZ_NATIVE_ZERO_SQLITE3",
                        ZeroApp.nodeModulesOf(zero.cliJs())
                                .resolve("@rocicorp/zero-sqlite3")
                                .toString());
        Process process = node.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        System.out.println(output);
        assertEquals(0, process.exitValue(), "node --test failed:\n" + output);
    }
}
