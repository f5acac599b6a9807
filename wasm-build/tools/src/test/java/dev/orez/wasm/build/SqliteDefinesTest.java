package dev.orez.wasm.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteDefinesTest {
    private static byte[] gypi(String... entries) {
        StringBuilder text = new StringBuilder("# generated\n\n{\n  'defines': [\n");
        for (String entry : entries) {
            text.append("    '").append(entry).append("',\n");
        }
        return text.append("  ],\n}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheAddonsDefinesAndOverridesWhatWasmCannotDo() {
        assertEquals(
                List.of(
                        "-DSQLITE_DQS=0",
                        "-DSQLITE_ENABLE_FTS5",
                        "-DSQLITE_THREADSAFE=0",
                        "-DSQLITE_OMIT_LOAD_EXTENSION",
                        "-DSQLITE_MAX_MMAP_SIZE=0",
                        "-DSQLITE_TEMP_STORE=3"),
                SqliteDefines.compilerArguments(gypi("SQLITE_DQS=0", "SQLITE_ENABLE_FTS5", "SQLITE_THREADSAFE=2")));
    }

    @Test
    void rejectsAFileWithoutTheDefinesItKnows() {
        assertThrows(IllegalStateException.class, () -> SqliteDefines.compilerArguments(gypi("SQLITE_DQS=0")));
    }
}
