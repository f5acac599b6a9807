package dev.orez.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.AppDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The end-to-end path with each SQLite zero-cache can use: orez's WebAssembly build (the default) and the native addon
 * ({@code --disable-wasm-sqlite}). A real Zero client queries, sees a row written over pgjdbc, and inserts one with its
 * own mutator; which SQLite ran is read from the zero-cache processes' memory maps, not taken on trust.
 */
class SqliteModesIT {
    private static final Duration START = Duration.ofMinutes(5);
    /** The native addon's shared object, as node-gyp-build loads it from the package's prebuilds. */
    private static final String NATIVE_ADDON = "zero-sqlite3/prebuilds/";

    @TempDir
    Path project;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"wasm", "native"})
    void aZeroClientQueriesSeesLiveChangesAndMutates(String mode) throws Exception {
        ZeroApp app = ZeroApp.create(project);
        Path migrations = app.writeNoteMigration();
        List<String> args = new ArrayList<>(List.of(
                "--data-dir=" + project.resolve("data"),
                "--pg-port=0",
                "--zero-port=0",
                "--migrations=" + migrations,
                "--on-db-ready=" + app.deployPermissionsCommand()));
        if (mode.equals("native")) {
            args.add("--disable-wasm-sqlite");
        }
        try (OrezProcess orez = OrezProcess.start(project, args)) {
            int pgPort = Integer.parseInt(orez.await("postgresql://\\S+@127\\.0\\.0\\.1:(\\d+)/postgres", START));
            int zeroPort = Integer.parseInt(orez.await("zero-cache\\s+http://127\\.0\\.0\\.1:(\\d+)", START));

            List<ProcessHandle> workers = zeroCacheProcesses(orez);
            assertTrue(workers.size() > 1, "zero-cache forks workers: " + workers);
            for (ProcessHandle worker : workers) {
                boolean nativeLoaded = maps(worker).contains(NATIVE_ADDON);
                assertEquals(mode.equals("native"), nativeLoaded, "native addon mapped in " + describe(worker));
            }

            try (ZeroClient client = app.startClient(zeroPort)) {
                client.awaitIds(List.of("from-migration"), Duration.ofSeconds(60));
                AppDatabase.execute(pgPort, "INSERT INTO note VALUES ('from-pgjdbc', 'written over the wire')");
                client.awaitIds(List.of("from-migration", "from-pgjdbc"), Duration.ofSeconds(30));

                client.insert("from-client", "written by the Zero client", Duration.ofSeconds(30));
                assertEquals("written by the Zero client", awaitUpstreamBody(pgPort, "from-client"));
                client.awaitIds(List.of("from-client", "from-migration", "from-pgjdbc"), Duration.ofSeconds(30));
            }
            assertEquals(0, orez.terminate(Duration.ofSeconds(60)), "a SIGTERM is a clean stop");
        }
    }

    /** The mutation is confirmed once zero-cache has pushed it; the test reads it back over a new connection. */
    private static String awaitUpstreamBody(int pgPort, String id) throws Exception {
        String query = "SELECT coalesce(max(body), '') FROM note WHERE id = '" + id + "'";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = AppDatabase.single(pgPort, query);
        while (body.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            body = AppDatabase.single(pgPort, query);
        }
        return body;
    }

    /** The Node processes below orez: zero-cache and the workers it forked. */
    private static List<ProcessHandle> zeroCacheProcesses(OrezProcess orez) {
        return orez.descendants().stream()
                .filter(process -> process.info().command().orElse("").endsWith("/node"))
                .toList();
    }

    private static String maps(ProcessHandle process) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps"));
    }

    private static String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().commandLine().orElse("?");
    }
}
