package dev.orez.proxy;

import dev.orez.pglite.PGlite;
import dev.orez.pglite.PGliteOptions;
import dev.orez.replication.ReplicationOptions;
import dev.orez.replication.ReplicationService;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The three instances, replication and the proxy on one data directory, as orez runs them for zero-cache:
 * the entry point of {@code bench/zero-e2e.sh} until the {@code orez} command exists. Prints "ready PORT".
 * Usage: ReplicatingServer DATA_DIR PORT
 */
public final class ReplicatingServer {
    private ReplicatingServer() {}

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        PGliteOptions options = PGliteOptions.defaults();
        PGlite postgres = PGlite.open(dataDir.resolve("pgdata-postgres"), options.withName("postgres"));
        PGlite cvr = PGlite.open(dataDir.resolve("pgdata-cvr"), options.withName("cvr"));
        PGlite cdb = PGlite.open(dataDir.resolve("pgdata-cdb"), options.withName("cdb"));
        ReplicationService replication = ReplicationService.install(postgres, ReplicationOptions.defaults());
        PgProxy proxy = PgProxy.start(ProxyConfig.builder()
                .port(port)
                .credentials(Engines.USER, Engines.PASSWORD)
                .database("postgres", postgres)
                .database("zero_cvr", cvr)
                .database("zero_cdb", cdb)
                .walSenders(replication)
                .build());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            replication.close();
            postgres.close();
            cvr.close();
            cdb.close();
            stopped.countDown();
        }));
        System.out.println("ready " + proxy.port());
        System.out.flush();
        stopped.await();
    }
}
