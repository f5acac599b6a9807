package dev.orez.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records what loading the module costs: the first connection loads the precompiled module, later ones only instantiate it. */
class LoadTimeTest {
    @Test
    void firstAndLaterConnections(@TempDir Path directory) {
        long start = System.nanoTime();
        try (WasmSqlite first = WasmSqlite.open(directory.resolve("a.db"))) {
            long opened = System.nanoTime();
            assertEquals(List.of(List.of(3L)), Rows.of(first, "SELECT 1 + 2"));
            long later = System.nanoTime();
            try (WasmSqlite second = WasmSqlite.open(directory.resolve("b.db"))) {
                long secondOpened = System.nanoTime();
                System.out.printf(
                        Locale.ROOT,
                        "sqlite3.wasm %s: first open (load + instantiate) %.0f ms, later open %.0f ms%n",
                        second.version(),
                        (opened - start) / 1e6,
                        (secondOpened - later) / 1e6);
            }
        }
    }
}
