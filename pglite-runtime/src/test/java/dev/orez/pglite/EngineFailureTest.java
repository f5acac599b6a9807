package dev.orez.pglite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the backend ends its session or the engine fails, the caller gets a clear exception with what the
 * backend said, uncommitted work is rolled back, committed work stays, and the next call runs in a new session.
 */
class EngineFailureTest {
    @TempDir
    Path dataDir;

    @Test
    void aBackendThatExitsEndsOnlyItsSessionAndItsOpenTransaction() {
        try (PGlite pg = PGlite.open(dataDir, PGliteOptions.defaults().withLog(line -> {}))) {
            pg.execProtocolRaw(Frontend.startup("postgres", "postgres"));
            pg.execProtocolRaw(
                    Frontend.query("CREATE TABLE fates (what text); INSERT INTO fates VALUES ('committed')"));
            pg.execProtocolRaw(Frontend.query("BEGIN; INSERT INTO fates VALUES ('open')"));
            byte[] query = Frontend.query("SELECT 1");
            byte[] truncated = Arrays.copyOf(query, query.length - 3); // the length field promises 3 more bytes

            SessionEndedException ended =
                    assertThrows(SessionEndedException.class, () -> pg.execProtocolRaw(truncated));
            assertTrue(ended.getMessage().contains("exited"), ended.getMessage());

            Replies after = new Replies(pg.execProtocolRaw(Frontend.query("SELECT what FROM fates")));
            assertEquals(List.of(List.of("committed")), after.rows());
            assertEquals('I', after.readyStatus());
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
