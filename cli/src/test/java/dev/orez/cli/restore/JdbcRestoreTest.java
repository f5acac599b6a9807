package dev.orez.cli.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orez.Orez;
import dev.orez.OrezConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Restores through a running orez's Postgres proxy, as {@code orez pg_restore} does while orez runs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcRestoreTest {
    @TempDir
    static Path dir;

    private Orez orez;
    private Connection connection;

    @BeforeAll
    void startOrez() throws SQLException {
        orez = Orez.start(OrezConfig.builder()
                .dataDir(dir.resolve("data"))
                .projectDir(dir)
                .pgPort(0)
                .skipZeroCache(true)
                .build());
        connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + orez.pgPort() + "/postgres", "user", "password");
    }

    @AfterAll
    void stopOrez() throws SQLException {
        connection.close();
        orez.close();
    }

    private List<List<String>> rows(String sql) {
        try (Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return List.of();
            }
            try (ResultSet result = statement.getResultSet()) {
                List<List<String>> rows = new ArrayList<>();
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(result.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    @Test
    void aPgDumpScriptRestoresThroughTheProxyAsIntoTheEngine() throws Exception {
        RestoreSummary summary = SampleDump.restore(new JdbcTarget(connection), new RestoreListener() {});

        SampleDump.assertSummary(summary);
        SampleDump.assertRestored(this::rows);
    }

    @Test
    void aCopyLargerThanAChunkArrivesWhole() throws Exception {
        int count = 120_000;
        rows("CREATE TABLE public.big (id int, label text, amount numeric)");
        GeneratedDump dump = new GeneratedDump(
                "COPY public.big (id, label, amount) FROM stdin;\n", EngineRestoreTest.SampleRows::big, count, "\\.\n");

        long start = System.nanoTime();
        RestoreSummary summary = new DumpRestore(
                        new JdbcTarget(connection), RestoreSettings.defaults(), new RestoreListener() {})
                .restore(new DumpReader(dump, RestoreSettings.defaults().maxRowBytes()), OptionalLong.empty());
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("JdbcTarget via orez: %,d rows in %.2f s = %,.0f rows/s%n", count, seconds, count / seconds);
        assertEquals(count, summary.rowsCopied(), summary.render());
        assertEquals(
                List.of(List.of(
                        String.valueOf(count),
                        EngineRestoreTest.SampleRows.bigSum(count),
                        EngineRestoreTest.SampleRows.bigDigest(count))),
                rows(EngineRestoreTest.SampleRows.BIG_CHECKSUM));
    }
}
