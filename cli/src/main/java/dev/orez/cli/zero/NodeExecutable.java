package dev.orez.cli.zero;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A node executable and the version it says it is. */
record NodeExecutable(Path path, NodeVersion version) {
    // Generous: the first start of a freshly unpacked node on a slow disk, or under Rosetta, can take seconds.
    private static final long TIMEOUT_SECONDS = 30;

    /** Runs {@code node --version}; fails with the reason if it does not start, hangs, fails or prints no version. */
    static NodeExecutable probe(Path node) throws IOException {
        Process process = new ProcessBuilder(node.toString(), "--version")
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(node + " --version did not answer within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + node + " --version");
        }
        // --version prints one short line, so it fits the pipe and reading after the exit cannot block.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0) {
            throw new IOException(node + " --version failed (exit " + process.exitValue() + "): " + output);
        }
        NodeVersion version = NodeVersion.parse(output)
                .orElseThrow(() -> new IOException(node + " --version printed no version: " + output));
        return new NodeExecutable(node, version);
    }
}
