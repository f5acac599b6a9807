package dev.orez.cli.dump;

import dev.orez.cli.db.OrezDataDir;
import dev.orez.cli.db.RunningOrez;
import dev.orez.cli.db.StartupStepException;
import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.cli.net.PostgresUrl;
import dev.orez.cli.restore.DumpRestore;
import dev.orez.cli.restore.EngineTarget;
import dev.orez.cli.restore.JdbcTarget;
import dev.orez.cli.restore.RestoreSettings;
import dev.orez.cli.restore.RestoreSummary;
import dev.orez.cli.zero.ReplicaLockFiles;
import dev.orez.cli.zero.ZeroEnvironment;
import dev.orez.pglite.PGlite;
import dev.orez.pglite.PGliteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code orez pg_restore}'s two ways in. Wire mode restores through a Postgres port (a running orez's proxy), so the
 * running orez's change tracking and zero-cache see the data; afterwards the orez serving the data directory on that
 * port is asked to resync zero-cache. Direct mode opens the data directory's database itself, claimed so no orez
 * starts on it meanwhile, and deletes zero-cache's replica so the next start syncs afresh.
 *
 * <p>Wire mode is tried first unless {@code --direct}: only when nothing answers on the port does the restore go
 * direct. A server that answers but refuses (a wrong password) or a restore that fails after connecting is an
 * error, never a silent second attempt somewhere else.
 */
public final class ApplicationRestore {
    private static final Log LOG = Log.of(Component.DUMP);
    private static final String DATABASE = "postgres";
    private static final String CONNECTION_REFUSED = "08001";
    private static final int CONNECT_TIMEOUT_SECONDS = 3;

    /** Where the restore should go. {@code port} empty: a running orez's, else the default. */
    public record Target(Path dataDir, Optional<Integer> port, String user, String password, boolean direct) {}

    private final Target target;
    private final RestoreSettings settings;

    public ApplicationRestore(Target target, RestoreSettings settings) {
        this.target = target;
        this.settings = settings;
    }

    public RestoreSummary restore(Path dump, int defaultPort) throws IOException, SQLException, InterruptedException {
        Optional<RunningOrez> running = RunningOrez.on(target.dataDir());
        if (target.direct()) {
            running.ifPresent(orez -> {
                throw new StartupStepException("orez (pid " + orez.pid() + ") is serving " + target.dataDir()
                        + "; restore through it (leave out --direct) or stop it first");
            });
            return restoreDirectly(dump);
        }
        int port = target.port().orElse(running.map(RunningOrez::pgPort).orElse(defaultPort));
        Optional<Connection> connection = connect(port);
        if (connection.isEmpty()) {
            LOG.info("nothing answers on port " + port + ": restoring directly into " + target.dataDir());
            return restoreDirectly(dump);
        }
        RestoreSummary summary;
        try (Connection open = connection.get()) {
            LOG.info("connected to port " + port + ": restoring through it");
            summary = new DumpRestore(new JdbcTarget(open), settings, new RestoreProgressLog()).restore(dump);
        }
        askForResync(running, port);
        return summary;
    }

    /** Empty when nothing listens; any other failure (authentication, a missing database) is thrown. */
    private Optional<Connection> connect(int port) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", target.user());
        properties.setProperty("password", target.password());
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        try {
            return Optional.of(DriverManager.getConnection(PostgresUrl.jdbc(port, DATABASE), properties));
        } catch (SQLException e) {
            if (CONNECTION_REFUSED.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private RestoreSummary restoreDirectly(Path dump) throws IOException {
        Path root = target.dataDir();
        try (OrezDataDir claimed = OrezDataDir.claim(root);
                PGlite engine = PGlite.open(
                        claimed.postgresData(),
                        PGliteOptions.defaults().withName(DATABASE).withLog(LOG::debug))) {
            LOG.info("restoring directly into " + claimed.postgresData());
            RestoreSummary summary =
                    new DumpRestore(new EngineTarget(engine), settings, new RestoreProgressLog()).restore(dump);
            // zero-cache's replica describes the database before the restore; the next start syncs a new one
            ReplicaLockFiles.deleteReplica(ZeroEnvironment.replicaIn(claimed.root()));
            return summary;
        }
    }

    /** SIGUSR1 to the orez that serves the data directory on the port restored into, as the original does. */
    private static void askForResync(Optional<RunningOrez> running, int port) throws IOException, InterruptedException {
        if (running.isEmpty() || running.get().pgPort() != port) {
            LOG.info("restored through port " + port + ", which no orez on this data directory serves:"
                    + " restart zero-cache there yourself if it runs");
            return;
        }
        long pid = running.get().pid();
        Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(pid))
                .redirectErrorStream(true)
                .start();
        String output = new String(kill.getInputStream().readAllBytes()).strip();
        if (kill.waitFor() == 0) {
            LOG.info("asked orez (pid " + pid + ") to resync zero-cache with the restored data");
        } else {
            LOG.warn("could not ask orez (pid " + pid + ") to resync zero-cache: " + output);
        }
    }
}
