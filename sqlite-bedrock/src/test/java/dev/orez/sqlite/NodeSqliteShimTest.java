package dev.orez.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSqliteShimTest {
    @TempDir
    Path cache;

    @Test
    void writesThePreloadBesideTheModuleItLoads() throws IOException {
        Path preload = NodeSqliteShim.install(cache);

        assertEquals("register.cjs", preload.getFileName().toString());
        Path shim = preload.getParent();
        assertTrue(shim.getFileName().toString().startsWith("sqlite-wasm-"));
        try (Stream<Path> files = Files.list(shim)) {
            assertEquals(
                    List.of(
                            "args.cjs",
                            "backup.cjs",
                            "constants.cjs",
                            "database.cjs",
                            "handles.cjs",
                            "index.cjs",
                            "register.cjs",
                            "sql-text.cjs",
                            "sqlite-error.cjs",
                            "sqlite3.wasm",
                            "statement.cjs",
                            "values.cjs",
                            "wasm-sqlite.cjs"),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
        try (InputStream wasm = NodeSqliteShim.class.getResourceAsStream("/dev/orez/sqlite/sqlite3.wasm")) {
            assertArrayEquals(wasm.readAllBytes(), Files.readAllBytes(shim.resolve("sqlite3.wasm")));
        }
    }

    @Test
    void aSecondInstallReusesTheDirectoryAndLeavesNothingAside() throws IOException {
        Path first = NodeSqliteShim.install(cache);
        Path second = NodeSqliteShim.install(cache);

        assertEquals(first, second);
        try (Stream<Path> entries = Files.list(cache)) {
            assertEquals(List.of(first.getParent()), entries.toList());
        }
    }
}
