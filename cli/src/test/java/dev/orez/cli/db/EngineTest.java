package dev.orez.cli.db;

import dev.orez.pglite.PGlite;
import dev.orez.pglite.PGliteOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Tests sharing one quiet application engine, opened once per class (opening takes seconds). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineTest {
    @TempDir
    static Path engineDir;

    protected PGlite engine;
    protected SqlSession db;

    @BeforeAll
    void openEngine() {
        engine = PGlite.open(
                engineDir, PGliteOptions.defaults().withName("postgres").withLog(line -> {}));
        db = SqlSession.open(engine);
    }

    @AfterAll
    void closeEngine() {
        engine.close();
    }

    /** A fresh, empty public schema, so each test starts from nothing. */
    protected void emptyPublicSchema() {
        db.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    }

    protected List<List<String>> rows(String sql) {
        return db.query(sql).rows();
    }

    protected String single(String sql) {
        return db.query(sql).single();
    }

    protected boolean tableExists(String name) {
        return single("SELECT to_regclass(" + SqlSession.literal(name) + ") IS NOT NULL")
                .equals("t");
    }
}
