package dev.orez.pglite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the engine itself fails, callers get a clear exception and no further work is attempted. */
class EngineFailureTest {
    @TempDir
    Path dataDir;

    @Test
    void aBackendThatExitsIsReportedAndTheEngineRefusesFurtherWork() {
        try (PGlite pg = PGlite.open(dataDir, PGliteOptions.defaults().withLog(line -> {}))) {
            pg.execProtocolRaw(Frontend.startup("postgres", "postgres"));
            byte[] query = Frontend.query("SELECT 1");
            byte[] truncated = Arrays.copyOf(query, query.length - 3); // the length field promises 3 more bytes

            PGliteException failure = assertThrows(PGliteException.class, () -> pg.execProtocolRaw(truncated));
            assertTrue(failure.getMessage().contains("exited"), failure.getMessage());

            PGliteException refused =
                    assertThrows(PGliteException.class, () -> pg.execProtocolRaw(Frontend.query("SELECT 1")));
            assertTrue(refused.getMessage().contains("unusable"), refused.getMessage());
        }
    }

    @Test
    void theDataSurvivesAnEngineFailure() {
        try (PGlite pg = PGlite.open(dataDir, PGliteOptions.defaults().withLog(line -> {}))) {
            pg.execProtocolRaw(Frontend.startup("postgres", "postgres"));
            pg.execProtocolRaw(Frontend.query("CREATE TABLE kept AS SELECT 42 AS answer"));
            byte[] query = Frontend.query("SELECT 1");
            assertThrows(PGliteException.class, () -> pg.execProtocolRaw(Arrays.copyOf(query, query.length - 3)));
        }
        try (PGlite pg = PGlite.open(dataDir, PGliteOptions.defaults().withLog(line -> {}))) {
            pg.execProtocolRaw(Frontend.startup("postgres", "postgres"));
            assertEquals("42", new Replies(pg.execProtocolRaw(Frontend.query("SELECT answer FROM kept"))).single());
        }
    }
}
