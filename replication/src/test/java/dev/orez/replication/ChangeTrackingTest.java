package dev.orez.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orez.pglite.PGlite;
import dev.orez.pglite.PGliteOptions;
import dev.orez.replication.wire.Messages;
import dev.orez.replication.wire.QueryResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Change capture in the real engine, with tracking limited to one publication (ZERO_APP_PUBLICATIONS). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeTrackingTest {
    @TempDir
    static Path dataDir;

    private PGlite engine;
    private ReplicationService replication;

    @BeforeAll
    void install() {
        engine = PGlite.open(dataDir, PGliteOptions.defaults().withLog(line -> {}));
        replication =
                ReplicationService.install(engine, ReplicationOptions.defaults().withPublications(Set.of("app")));
        sql("CREATE TABLE a (id int PRIMARY KEY, note text); CREATE TABLE b (id int PRIMARY KEY)");
        sql("CREATE PUBLICATION app FOR TABLE a; CREATE PUBLICATION other FOR TABLE b");
    }

    @AfterAll
    void close() {
        replication.close();
        engine.close();
    }

    @Test
    void onlyTheNamedPublicationsTablesAreTrackedAndStaleTriggersGo() {
        assertEquals(List.of("a"), trackedTables());
        sql("ALTER PUBLICATION app ADD TABLE b");
        assertEquals(List.of("a", "b"), trackedTables());
        sql("ALTER PUBLICATION app DROP TABLE b");
        assertEquals(List.of("a"), trackedTables());
    }

    @Test
    void capturesCommittedRowsAsRecordTextAndNothingRolledBack() {
        sql("CREATE TABLE captured (id int PRIMARY KEY, note text); ALTER PUBLICATION app ADD TABLE captured");
        long from = Long.parseLong(single("SELECT _orez.current_watermark()"));
        sql("BEGIN; INSERT INTO captured VALUES (100, 'gone'); ROLLBACK");
        sql("INSERT INTO captured VALUES (1, 'x, \"y\"'), (2, NULL)");
        sql("UPDATE captured SET note = 'z' WHERE id = 2");
        sql("DELETE FROM captured WHERE id = 1");
        sql("INSERT INTO b VALUES (1)");
        assertEquals(
                List.of(
                        List.of("I", "(1,\"x, \"\"y\"\"\")", ""),
                        List.of("I", "(2,)", ""),
                        List.of("U", "(2,z)", "(2,)"),
                        List.of("D", "", "(1,\"x, \"\"y\"\"\")")),
                QueryResult.of(engine.execProtocolRaw(Messages.query(
                                "SELECT kind, coalesce(new_row, ''), coalesce(old_row, '') FROM _orez.changes"
                                        + " WHERE watermark > " + from + " ORDER BY watermark")))
                        .rows());
    }

    @Test
    void alterTableMarksTheShapeAndMessagesReturnTheirLsn() {
        sql("ALTER TABLE a ADD COLUMN extra int");
        assertEquals("S", single("SELECT kind FROM _orez.changes ORDER BY watermark DESC LIMIT 1"));
        String lsn = single("SELECT _orez.emit_message(false, 'p', 'hello')");
        long watermark = Long.parseLong(single("SELECT max(watermark) FROM _orez.changes WHERE kind = 'm'"));
        assertEquals(Lsn.format(Lsn.ofWatermark(watermark)), lsn);
    }

    private List<String> trackedTables() {
        return QueryResult.of(engine.execProtocolRaw(Messages.query(
                        "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = '_orez_capture_inserts'"
                                + " AND tgrelid IN ('a'::regclass, 'b'::regclass) ORDER BY 1")))
                .rows()
                .stream()
                .map(row -> row.get(0))
                .toList();
    }

    private String single(String query) {
        return QueryResult.of(engine.execProtocolRaw(Messages.query(query))).single();
    }

    private void sql(String statements) {
        QueryResult.of(engine.execProtocolRaw(Messages.query(statements)));
    }
}
