package dev.orez.pglite;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Tests that share one quiet engine, started once for the class with a session already open. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneEngineTest {
    @TempDir
    static Path dataDir;

    protected PGlite pg;

    @BeforeAll
    void open() {
        pg = PGlite.open(dataDir, PGliteOptions.defaults().withLog(line -> {}));
        pg.execProtocolRaw(Frontend.startup("postgres", "postgres"));
    }

    @AfterAll
    void close() {
        pg.close();
    }
}
