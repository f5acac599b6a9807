package dev.orez.pglite;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The runtime's numbers for docs/benchmarks.md (run by bench/pglite-runtime.sh, not by the test suite):
 * start-up costs, query latency, insert throughput, extensions, cancel latency and memory with one and with
 * three engines.
 */
public final class RuntimeBenchmark {
    private static final String CATALOG_JOIN = "SELECT c.relname, count(a.attname) FROM pg_class c "
            + "JOIN pg_attribute a ON a.attrelid = c.oid GROUP BY 1 ORDER BY 2 DESC LIMIT 3";

    public static void main(String[] args) throws Exception {
        int selects = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path root = Files.createTempDirectory("orez-bench");
        PGliteOptions quiet = PGliteOptions.defaults().withLog(line -> {});

        long t = System.nanoTime();
        PgliteModules.pglite();
        row("module load (pglite.wasm metadata, once per JVM)", ms(t), "ms");

        t = System.nanoTime();
        try (DataDirectory copied = DataDirectory.open(root.resolve("copy-only"))) {
            row("template copy into an empty directory", ms(t), "ms");
        }

        t = System.nanoTime();
        PGlite fresh = PGlite.open(root.resolve("postgres"), quiet);
        row("open an empty directory (template copy + start)", ms(t), "ms");
        fresh.close();

        t = System.nanoTime();
        PGlite pg = PGlite.open(root.resolve("postgres"), quiet);
        row("open an existing directory", ms(t), "ms");
        pg.execProtocolRaw(Frontend.startup("postgres", "postgres"));
        t = System.nanoTime();
        check(pg.execProtocolRaw(Frontend.query("SELECT 1")));
        row("first query (SELECT 1)", ms(t), "ms");

        double[] select = latencies(pg, Frontend.query("SELECT 1"), selects);
        row("SELECT 1 p50 (" + selects + " runs after warm-up)", percentile(select, 50), "ms");
        row("SELECT 1 p99", percentile(select, 99), "ms");
        double[] join = latencies(pg, Frontend.query(CATALOG_JOIN), 50);
        row("catalog join p50 (pg_class x pg_attribute, 50 runs)", percentile(join, 50), "ms");

        check(pg.execProtocolRaw(Frontend.query("CREATE TABLE bench (id int, payload text)")));
        int inserts = 2000;
        t = System.nanoTime();
        for (int i = 0; i < inserts; i++) {
            check(pg.execProtocolRaw(Frontend.extendedQuery("INSERT INTO bench VALUES ($1, $2)", "" + i, "row " + i)));
        }
        row("single-row INSERT, autocommit, extended protocol", inserts / (ms(t) / 1000), "rows/s");
        extensions(pg);
        cancelLatency(pg);
        memory("one engine");

        List<PGlite> more = new ArrayList<>();
        for (String name : List.of("cvr", "cdb")) {
            PGlite engine = PGlite.open(root.resolve(name), quiet.withName(name));
            engine.execProtocolRaw(Frontend.startup("postgres", "postgres"));
            check(engine.execProtocolRaw(Frontend.query("SELECT count(*) FROM pg_class")));
            more.add(engine);
        }
        memory("three engines");
        row(
                "JVM max heap (-Xmx)",
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / 1048576.0,
                "MiB");
        more.forEach(PGlite::close);
        pg.close();
    }

    /** First CREATE EXTENSION loads and compiles the side module; the top-10 query runs over 10,000 rows. */
    private static void extensions(PGlite pg) {
        long t = System.nanoTime();
        check(pg.execProtocolRaw(Frontend.query("CREATE EXTENSION vector")));
        row("first CREATE EXTENSION vector (side module compiled)", ms(t), "ms");
        t = System.nanoTime();
        check(pg.execProtocolRaw(Frontend.query("CREATE EXTENSION pg_trgm")));
        row("first CREATE EXTENSION pg_trgm (side module compiled)", ms(t), "ms");

        check(pg.execProtocolRaw(Frontend.query("CREATE TABLE embeddings (id int, v vector(16))")));
        check(pg.execProtocolRaw(Frontend.query("SELECT setseed(0.42); INSERT INTO embeddings SELECT i, "
                + "(SELECT array_agg(random())::vector FROM generate_series(1, 16) WHERE i > 0) "
                + "FROM generate_series(1, 10000) i")));
        String topTen = "SELECT id FROM embeddings ORDER BY v <-> (SELECT v FROM embeddings WHERE id = 1) LIMIT 10";
        row(
                "vector top-10, 10,000 rows x 16 dims, no index, p50 (20 runs)",
                percentile(latencies(pg, Frontend.query(topTen), 20), 50),
                "ms");
        t = System.nanoTime();
        check(pg.execProtocolRaw(Frontend.query("CREATE INDEX ON embeddings USING hnsw (v vector_l2_ops)")));
        row("HNSW index build over the 10,000 rows", ms(t), "ms");
        row(
                "vector top-10 through the HNSW index, p50 (20 runs)",
                percentile(latencies(pg, Frontend.query(topTen), 20), 50),
                "ms");
    }

    /** Time from cancel() to the statement's error, while the engine computes without calling the host. */
    private static void cancelLatency(PGlite pg) throws Exception {
        java.util.concurrent.CompletableFuture<byte[]> running = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> pg.execProtocolRaw(Frontend.query("SELECT count(*) FROM generate_series(1, 2000000000)")));
        while (!pg.cancel()) {
            Thread.sleep(5);
        }
        long t = System.nanoTime();
        Replies replies = new Replies(running.get());
        row("cancel() to 57014, statement computing", ms(t), "ms");
        if (!"57014".equals(replies.errors().get(0).get('C'))) {
            throw new IllegalStateException("cancel did not end the statement: " + replies.errors());
        }
    }

    private static double[] latencies(PGlite pg, byte[] message, int runs) {
        for (int i = 0; i < Math.max(runs / 4, 10); i++) {
            check(pg.execProtocolRaw(message));
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            check(pg.execProtocolRaw(message));
            ms[i] = ms(t);
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void check(byte[] reply) {
        Replies replies = new Replies(reply);
        if (!replies.errors().isEmpty()) {
            throw new IllegalStateException("benchmark statement failed: " + replies.errors());
        }
    }

    private static void memory(String label) throws Exception {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        row("heap used after GC, " + label, (rt.totalMemory() - rt.freeMemory()) / 1048576.0, "MiB");
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .findFirst()
                .orElse("VmRSS: 0 kB");
        row("process RSS, " + label, Long.parseLong(rss.replaceAll("\\D", "")) / 1024.0, "MiB");
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static void row(String what, double value, String unit) {
        System.out.printf("| %s | %.2f %s |%n", what, value, unit);
    }
}
