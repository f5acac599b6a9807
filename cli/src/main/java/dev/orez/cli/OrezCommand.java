package dev.orez.cli;

import dev.orez.Orez;
import dev.orez.OrezConfig;
import dev.orez.OrezException;
import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.cli.log.LogLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code orez}: the databases, the proxy with logical replication, zero-cache and optionally S3, until Ctrl-C. */
@Command(
        name = "orez",
        mixinStandardHelpOptions = true,
        versionProvider = OrezVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Runs a Zero backend locally: three PGlite databases (postgres, zero_cvr, zero_cdb) served on one"
                + " Postgres port with logical replication, and zero-cache on top.",
        subcommands = {S3Command.class, PgDumpCommand.class, PgRestoreCommand.class})
public final class OrezCommand implements Callable<Integer> {
    private static final Log LOG = Log.of(Component.OREZ);

    @Option(
            names = "--pg-port",
            paramLabel = "PORT",
            description = "Postgres port (next free one if taken). Default: ${DEFAULT-VALUE}")
    int pgPort = OrezConfig.DEFAULT_PG_PORT;

    @Option(
            names = "--zero-port",
            paramLabel = "PORT",
            description = "zero-cache port; it also uses the next two. Default: ${DEFAULT-VALUE}")
    int zeroPort = OrezConfig.DEFAULT_ZERO_PORT;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where data lives. Default: ${DEFAULT-VALUE}")
    Path dataDir = Path.of(".orez");

    @Option(
            names = "--migrations",
            paramLabel = "DIR",
            description = "SQL migrations to apply at start, each once (*.sql by name, or a Drizzle journal).")
    Path migrations;

    @Option(
            names = "--seed",
            paramLabel = "FILE",
            description = "SQL run on the first start. Default: src/database/seed.sql if present.")
    Path seed;

    @Option(
            names = "--pg-user",
            paramLabel = "USER",
            description = "Postgres user clients log in as. Default: ${DEFAULT-VALUE}")
    String pgUser = "user";

    @Option(names = "--pg-password", paramLabel = "PASSWORD", description = "Their password. Default: ${DEFAULT-VALUE}")
    String pgPassword = "password";

    @Option(names = "--skip-zero-cache", description = "Run the databases and the proxy only.")
    boolean skipZeroCache;

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            description = "error, warn, info or debug (also zero-cache's). Default: ${DEFAULT-VALUE}")
    String logLevel = "warn";

    @Option(names = "--s3", description = "Also run the local S3 server.")
    boolean s3;

    @Option(names = "--s3-port", paramLabel = "PORT", description = "S3 server port. Default: ${DEFAULT-VALUE}")
    int s3Port = OrezConfig.DEFAULT_S3_PORT;

    @Option(
            names = "--disable-wasm-sqlite",
            description =
                    "zero-cache uses its native SQLite addon (@rocicorp/zero-sqlite3) instead of orez's WebAssembly SQLite.")
    boolean disableWasmSqlite;

    @Option(
            names = "--on-db-ready",
            paramLabel = "CMD",
            description =
                    "Shell command run once the databases are served, before zero-cache (env: DATABASE_URL, OREZ_PG_PORT, OREZ_ZERO_PORT).")
    String onDbReady;

    @Option(
            names = "--on-healthy",
            paramLabel = "CMD",
            description =
                    "Shell command run once zero-cache is healthy (env: DATABASE_URL, OREZ_PG_PORT, OREZ_ZERO_PORT).")
    String onHealthy;

    @Override
    public Integer call() throws InterruptedException {
        OrezConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            return 2;
        }
        Orez orez;
        try {
            orez = Orez.start(config);
        } catch (OrezException e) {
            LOG.error(e.getMessage());
            return 1;
        }
        return runUntilStopped(orez);
    }

    OrezConfig config() {
        return OrezConfig.builder()
                .dataDir(dataDir)
                .pgPort(pgPort)
                .zeroPort(zeroPort)
                .credentials(pgUser, pgPassword)
                .migrationsDir(migrations)
                .seedFile(seed)
                .skipZeroCache(skipZeroCache)
                .logLevel(LogLevel.parse(logLevel))
                .s3(s3, s3Port)
                .disableWasmSqlite(disableWasmSqlite)
                .onDbReady(onDbReady)
                .onHealthy(onHealthy)
                .build();
    }

    /**
     * Serves until Ctrl-C or SIGTERM, then stops in order. Only a second Ctrl-C forces the exit: SIGTERM often
     * arrives more than once (a service manager or {@code pkill} signals every process of the group, and the
     * relaunching JVM passes its own on), and must never skip the checkpoint.
     */
    /**
     * SIGUSR1, which {@code orez pg_restore} sends after restoring into this orez through its port: zero-cache
     * drops what it knew and syncs the restored database afresh. One resync at a time; none while stopping.
     */
    private static Runnable resyncOnRequest(Orez orez, AtomicBoolean stopping) {
        AtomicBoolean resyncing = new AtomicBoolean();
        return () -> {
            if (orez.zeroPort().isEmpty()) {
                LOG.info("SIGUSR1: zero-cache was skipped, nothing to resync");
                return;
            }
            if (stopping.get() || !resyncing.compareAndSet(false, true)) {
                LOG.info("a zero-cache resync is already running or orez is stopping; ignoring SIGUSR1");
                return;
            }
            Thread resync = new Thread(
                    () -> {
                        LOG.info("resyncing zero-cache with the database (SIGUSR1)");
                        try {
                            orez.resyncZeroCache();
                            LOG.info("zero-cache resynced");
                        } catch (IOException | RuntimeException e) {
                            LOG.error("zero-cache resync failed: " + e.getMessage());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            resyncing.set(false);
                        }
                    },
                    "orez-resync");
            resync.setDaemon(true);
            resync.start();
        };
    }

    private static int runUntilStopped(Orez orez) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicInteger interrupts = new AtomicInteger();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                LOG.info("stopping (Ctrl-C again to force)");
                Thread stopper = new Thread(
                        () -> {
                            orez.close();
                            stopped.countDown();
                        },
                        "orez-stop");
                stopper.start();
            }
        };
        Signals.onTerminate(stop);
        Signals.onInterrupt(() -> {
            if (interrupts.incrementAndGet() == 1) {
                stop.run();
            } else {
                LOG.warn("forced exit: databases were not checkpointed");
                Runtime.getRuntime().halt(130);
            }
        });
        // Always handled: SIGUSR1's default action would end the JVM without a checkpoint.
        Signals.onUser1(resyncOnRequest(orez, stopping));
        // Any other way out of the JVM (System.exit elsewhere, a fatal error) still stops the databases cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(orez::close, "orez-shutdown-hook"));
        stopped.await();
        LOG.info("stopped");
        return 0;
    }
}
