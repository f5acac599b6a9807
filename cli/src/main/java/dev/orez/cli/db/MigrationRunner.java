package dev.orez.cli.db;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the app's SQL migrations to the application database, each file once, recording applied files in
 * {@code public.migrations} by name (file name without {@code .sql}), as the original orez does.
 *
 * <p>Unlike the original, each file and its record are applied in one transaction (see
 * {@link TransactionalScript}), so a failing file leaves nothing behind and is simply retried, fixed, on
 * the next start. Files before it stay applied.
 */
public final class MigrationRunner {
    private static final Log LOG = Log.of(Component.PG);

    private final SqlSession db;

    public MigrationRunner(SqlSession db) {
        this.db = db;
    }

    /**
     * Applies the files of {@code directory} not yet recorded.
     *
     * @param directory the migrations folder; null, empty or missing means there is nothing to do
     * @return how many files were applied now
     * @throws StartupStepException when a file fails, naming it and the SQL error
     */
    public int apply(Path directory) {
        if (directory == null || directory.toString().isEmpty() || !Files.exists(directory)) {
            LOG.debug("no migrations directory" + (directory == null ? "" : " at " + directory) + ", skipping");
            return 0;
        }
        if (!Files.isDirectory(directory)) {
            throw new StartupStepException("the migrations directory " + directory + " is not a directory");
        }
        db.run(
                "creating the migrations table",
                "CREATE TABLE IF NOT EXISTS public.migrations ("
                        + "id serial PRIMARY KEY, name text NOT NULL UNIQUE, applied_at timestamptz DEFAULT now())");
        Set<String> applied = new HashSet<>();
        db.query("SELECT name FROM public.migrations").rows().forEach(row -> applied.add(row.get(0)));

        int count = 0;
        for (String file : MigrationFiles.inOrder(directory)) {
            String name = file.substring(0, file.length() - ".sql".length());
            if (applied.contains(name)) {
                continue;
            }
            applyFile(directory.resolve(file), name);
            applied.add(name);
            count++;
        }
        return count;
    }

    private void applyFile(Path file, String name) {
        String source = "migration " + file.getFileName();
        if (!Files.isRegularFile(file)) {
            throw new StartupStepException(
                    source + " is listed in " + MigrationFiles.JOURNAL + " but " + file + " does not exist");
        }
        List<String> pieces = SqlFiles.read(file);
        TransactionalScript.Outcome outcome = TransactionalScript.apply(
                db, source, pieces, "INSERT INTO public.migrations (name) VALUES (" + SqlSession.literal(name) + ")");
        LOG.debug("applied " + source
                + (outcome == TransactionalScript.Outcome.IN_ONE_TRANSACTION ? "" : " (outside a transaction)"));
    }
}
