package dev.orez.cli;

import dev.orez.OrezConfig;
import dev.orez.cli.db.StartupStepException;
import dev.orez.cli.dump.ApplicationRestore;
import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.cli.restore.RestoreFailedException;
import dev.orez.cli.restore.RestoreSettings;
import dev.orez.cli.restore.RestoreSummary;
import dev.orez.pglite.PGliteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orez pg_restore FILE}: a plain-SQL dump (pg_dump's default format) into the application database. */
@Command(
        name = "pg_restore",
        mixinStandardHelpOptions = true,
        versionProvider = OrezVersion.class,
        sortOptions = false,
        description = {
            "Restores a plain-SQL dump into the application database, streaming it (any size).",
            "Goes through a running orez's port if one answers (zero-cache then resyncs), else opens DATA_DIR itself."
        })
final class PgRestoreCommand implements Callable<Integer> {
    private static final Log LOG = Log.of(Component.DUMP);

    @Parameters(paramLabel = "FILE", description = "The dump: plain SQL, as pg_dump writes it by default.")
    Path file;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory. Default: ${DEFAULT-VALUE}")
    Path dataDir = Path.of(".orez");

    @Option(names = "--clean", description = "Empty public first, and each schema the dump creates.")
    boolean clean;

    @Option(
            names = "--pg-port",
            paramLabel = "PORT",
            description = "Restore through this port. Default: the running orez's on DATA_DIR, else "
                    + OrezConfig.DEFAULT_PG_PORT)
    Integer pgPort;

    @Option(names = "--pg-user", paramLabel = "USER", description = "Default: ${DEFAULT-VALUE}")
    String pgUser = "user";

    @Option(names = "--pg-password", paramLabel = "PASSWORD", description = "Default: ${DEFAULT-VALUE}")
    String pgPassword = "password";

    @Option(names = "--direct", description = "Open DATA_DIR's database directly (orez must not be running on it).")
    boolean direct;

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isRegularFile(file)) {
            LOG.error("file not found: " + file);
            return 1;
        }
        ApplicationRestore restore = new ApplicationRestore(
                new ApplicationRestore.Target(dataDir, Optional.ofNullable(pgPort), pgUser, pgPassword, direct),
                RestoreSettings.defaults().withClean(clean));
        try {
            RestoreSummary summary = restore.restore(file, OrezConfig.DEFAULT_PG_PORT);
            LOG.info(summary.render().strip());
            return summary.interrupted() ? 130 : 0;
        } catch (RestoreFailedException e) {
            LOG.error("restore failed: " + e.getMessage());
            LOG.info("before it failed: " + e.summary().render().strip());
        } catch (SQLException e) {
            LOG.error("could not connect: " + e.getMessage());
        } catch (StartupStepException | PGliteException | IOException e) {
            LOG.error(e.getMessage());
        }
        return 1;
    }
}
