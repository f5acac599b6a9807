package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A stand-in for zero-cache's {@code cli.js}: a small Node script that listens on {@code ZERO_PORT} and misbehaves
 * as its {@code FAKE_*} environment variables ask, so the supervisor can be tested against real processes.
 */
final class FakeZeroCache {
    private static final String SCRIPT = String.join(
            "\n",
            "const fs = require('fs');",
            "const http = require('http');",
            "const { spawn } = require('child_process');",
            "const env = process.env;",
            "const write = (file, text) => fs.writeFileSync(file, text);",
            "const exitWith = (code) => {",
            "  console.error('fake zero-cache exiting with code ' + code);",
            "  process.exit(code);",
            "};",
            "console.log('fake zero-cache starting');",
            "console.log('{\"level\":\"error\",\"message\":\"boom json\"}');",
            "console.log('plain info line');",
            "console.error('error: replication slot zero_1 does not exist');",
            "if (env.FAKE_PID_FILE) write(env.FAKE_PID_FILE, String(process.pid));",
            "if (env.FAKE_ENV_FILE) write(env.FAKE_ENV_FILE, JSON.stringify({ env, cwd: process.cwd() }));",
            "if (env.FAKE_IGNORE_SIGTERM) process.on('SIGTERM', () => console.log('ignoring SIGTERM'));",
            // orez keeps stdin open; EOF would mean orez is gone, as zero-cache's workers see it.
            "process.stdin.on('end', () => exitWith(9));",
            "process.stdin.resume();",
            "if (env.FAKE_CHILD_PID_FILE) {",
            "  const code = env.FAKE_CHILD_IGNORES_SIGTERM",
            "    ? \"process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)\"",
            "    : 'setInterval(() => {}, 1000)';",
            "  const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });",
            "  write(env.FAKE_CHILD_PID_FILE, String(child.pid));",
            "}",
            "if (env.FAKE_EXIT_AT_START) exitWith(Number(env.FAKE_EXIT_AT_START));",
            "if (env.FAKE_EXIT_FILE) {",
            "  setInterval(() => {",
            "    if (fs.existsSync(env.FAKE_EXIT_FILE)) {",
            "      fs.unlinkSync(env.FAKE_EXIT_FILE);",
            "      exitWith(Number(env.FAKE_EXIT_CODE || 1));",
            "    }",
            "  }, 50);",
            "}",
            "let answered = false;",
            "const server = http.createServer((req, res) => {",
            "  res.writeHead(Number(env.FAKE_STATUS || 200));",
            "  res.end('ok');",
            "  if (!answered && env.FAKE_EXIT_AFTER_FIRST_REQUEST_MS) {",
            "    setTimeout(() => exitWith(Number(env.FAKE_EXIT_CODE || 1)),",
            "      Number(env.FAKE_EXIT_AFTER_FIRST_REQUEST_MS));",
            "  }",
            "  answered = true;",
            "});",
            "if (env.FAKE_LISTEN !== '0') server.listen(Number(env.ZERO_PORT), '127.0.0.1');",
            "else setInterval(() => {}, 1000);",
            "");

    private FakeZeroCache() {}

    /** The {@code node} on the PATH; skips the test when there is none. */
    static Path node() {
        Optional<Path> node = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "node"))
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(node.isPresent(), "no node on the PATH");
        return node.get();
    }

    static Path writeScript(Path dir) throws IOException {
        return Files.writeString(dir.resolve("fake-zero-cache.js"), SCRIPT);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Settings running the fake in {@code dir} with {@code ZERO_PORT} and {@code fakeEnv} as its environment. */
    static ZeroCacheSupervisor.Settings settings(
            Path dir, Map<String, String> fakeEnv, Duration healthTimeout, RestartPolicy policy) throws IOException {
        int port = freePort();
        Map<String, String> environment = new HashMap<>(fakeEnv);
        environment.put("ZERO_PORT", Integer.toString(port));
        return new ZeroCacheSupervisor.Settings(
                node(), writeScript(dir), dir, environment, port, healthTimeout, policy);
    }

    static ZeroCacheSupervisor.Settings settings(Path dir, Map<String, String> fakeEnv) throws IOException {
        return settings(dir, fakeEnv, Duration.ofSeconds(30), RestartPolicy.DEFAULT);
    }
}
