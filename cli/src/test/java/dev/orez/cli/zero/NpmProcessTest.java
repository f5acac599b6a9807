package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How npm's output and failure reach orez. The "node" here is {@code /bin/sh} and the "npm-cli.js" a shell script, so
 * the tests run real processes without needing Node.
 */
class NpmProcessTest {
    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();

    private NpmProcess npmRunning(String script) throws IOException {
        return new NpmProcess(Path.of("/bin/sh"), Files.writeString(dir.resolve("npm-cli.sh"), script));
    }

    @Test
    void outputReachesProgressLineByLine() throws IOException {
        NpmProcess npm = npmRunning("echo \"args: $*\"\necho\necho 'added 438 packages in 9s' >&2\n");

        npm.run(List.of("ci", "--no-audit"), dir, Map.of(), progress::add);

        assertEquals(List.of("npm: args: ci --no-audit", "npm: added 438 packages in 9s"), progress);
    }

    @Test
    void theNodeRunningNpmComesFirstOnPathAndTheEnvironmentIsPassedOn() throws IOException {
        NpmProcess npm = npmRunning("echo \"PATH=$PATH\"\necho \"registry=$npm_config_registry\"\n");

        npm.run(List.of("ci"), dir, Map.of("npm_config_registry", "http://registry.test/"), progress::add);

        assertTrue(progress.get(0).startsWith("npm: PATH=/bin:"), progress.toString());
        assertEquals("npm: registry=http://registry.test/", progress.get(1));
    }

    @Test
    void aFailingNpmThrowsWithItsLastLines() throws IOException {
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            script.append("echo line").append(i).append('\n');
        }
        script.append("echo 'npm error code E404' >&2\nexit 1\n");
        NpmProcess npm = npmRunning(script.toString());

        IOException failure = assertThrows(IOException.class, () -> npm.run(List.of("ci"), dir, Map.of(), line -> {}));

        String message = failure.getMessage();
        assertTrue(message.startsWith("npm ci failed in " + dir + " (exit 1); its last lines:\n"), message);
        assertTrue(message.endsWith("\n  line40\n  npm error code E404"), message);
        assertTrue(message.contains("line17"), message);
        assertTrue(!message.contains("line16\n"), "only the last lines: " + message);
    }
}
