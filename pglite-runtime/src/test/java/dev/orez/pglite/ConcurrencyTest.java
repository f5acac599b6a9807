package dev.orez.pglite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engines share the loaded module but nothing else; callers on many threads are serialized per engine. */
class ConcurrencyTest {
    @TempDir
    Path root;

    @Test
    void threeEnginesUsedFromThreeThreadsAtOnceStayIndependent() throws Exception {
        List<PGlite> engines = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            for (String name : List.of("postgres", "cvr", "cdb")) {
                engines.add(
                        PGlite.open(root.resolve(name), PGliteOptions.defaults().withName(name)));
            }
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                PGlite pg = engines.get(i);
                int engine = i;
                results.add(callers.submit(() -> workload(pg, engine)));
            }
            for (int i = 0; i < 3; i++) {
                assertEquals("200:" + (i * 1000 + 200 * 201 / 2), results.get(i).get());
            }
        } finally {
            callers.shutdownNow();
            engines.forEach(PGlite::close);
        }
    }

    @Test
    void callersOnManyThreadsShareOneEngineWithoutInterleaving() throws Exception {
        try (PGlite pg = PGlite.open(root.resolve("shared"), PGliteOptions.defaults())) {
            pg.execProtocolRaw(Frontend.startup("postgres", "postgres"));
            pg.execProtocolRaw(Frontend.query("CREATE TABLE hits (thread int, n int)"));
            ExecutorService callers = Executors.newFixedThreadPool(4);
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int n = 0; n < 50; n++) {
                        Replies r = new Replies(pg.execProtocolRaw(
                                Frontend.extendedQuery("INSERT INTO hits VALUES ($1, $2)", "" + thread, "" + n)));
                        assertEquals(List.of("INSERT 0 1"), r.commandTags());
                    }
                    return null;
                });
            }
            for (Future<Void> f : callers.invokeAll(tasks)) {
                f.get();
            }
            callers.shutdown();
            Replies counts = new Replies(
                    pg.execProtocolRaw(Frontend.query("SELECT count(*), count(DISTINCT (thread, n)) FROM hits")));
            assertEquals(List.of(List.of("200", "200")), counts.rows());
        }
    }

    private static String workload(PGlite pg, int engine) {
        pg.execProtocolRaw(Frontend.startup("postgres", "postgres"));
        pg.execProtocolRaw(Frontend.query("CREATE TABLE t (v int)"));
        for (int n = 1; n <= 200; n++) {
            pg.execProtocolRaw(
                    Frontend.extendedQuery("INSERT INTO t VALUES ($1)", "" + (n + (n == 1 ? engine * 1000 : 0))));
        }
        Replies r = new Replies(pg.execProtocolRaw(Frontend.query("SELECT count(*) || ':' || sum(v) FROM t")));
        return r.single();
    }
}
