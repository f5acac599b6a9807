package dev.orez.pglite;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How long an in-process pg_dump of a 100,000-row table takes: the first dump in a fresh JVM (loading pg_dump's
 * compiled module included), then warm ones. Not part of the test suite; run it with the test classpath, e.g.
 * {@code source bench/test-classpath.sh && java -cp "$(test_classpath pglite-runtime)"
 * dev.orez.pglite.PgDumpBenchmark [rows] [warm runs]}.
 */
public final class PgDumpBenchmark {
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int warmRuns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dataDir = Files.createTempDirectory("orez-pg-dump-bench");
        try (PGlite pg = PGlite.open(dataDir, PGliteOptions.defaults().withLog(line -> {}))) {
            pg.execProtocolRaw(Frontend.startup("postgres", "postgres"));
            pg.execProtocolRaw(Frontend.query(
                    "CREATE TABLE bench (id int PRIMARY KEY, name text, amount numeric," + " created timestamptz)"));
            pg.execProtocolRaw(Frontend.query("INSERT INTO bench SELECT i, 'name ' || i, i * 1.5,"
                    + " timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second'"
                    + " FROM generate_series(1, " + rows + ") i"));

            long[] cold = timedDump(pg);
            System.out.printf(
                    "| first dump in this JVM (module load included), %d rows | %d ms | %d bytes |%n",
                    rows, cold[0], cold[1]);
            long[] warm = new long[warmRuns];
            for (int i = 0; i < warmRuns; i++) {
                warm[i] = timedDump(pg)[0];
            }
            Arrays.sort(warm);
            System.out.printf(
                    "| warm dump, median of %d (min %d, max %d) | %d ms | |%n",
                    warmRuns, warm[0], warm[warmRuns - 1], warm[warmRuns / 2]);
        }
    }

    /** Milliseconds and bytes of one plain-SQL dump. */
    private static long[] timedDump(PGlite pg) throws IOException {
        long[] bytes = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        long start = System.nanoTime();
        PgDump.inProcess(pg, "postgres").dump(List.of(), counting);
        return new long[] {(System.nanoTime() - start) / 1_000_000, bytes[0]};
    }
}
