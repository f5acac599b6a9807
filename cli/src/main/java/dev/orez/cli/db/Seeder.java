package dev.orez.cli.db;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.replication.wire.SqlFailure;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the app's seed file into the application database once, on the first start.
 *
 * <p>The original orez decided only by {@code SELECT count(*) FROM public."user"}: rows there meant "already
 * seeded". An app without a {@code "user"} table was therefore re-seeded on every start, which fails or
 * duplicates data. Here a successful seed is recorded in {@code _orez.seeded}, in the same transaction as
 * the seed itself, and a recorded database is never seeded again. The record lives in the database rather
 * than in a marker file so that deleting {@code pgdata-postgres} (a fresh database) seeds again. The
 * original's rule is kept as a second reason to skip: a database whose {@code "user"} table has rows (one
 * seeded by the original orez, or restored from a dump) is not seeded.
 */
public final class Seeder {
    /** The original's default, relative to the project: used when no seed file is configured. */
    public static final Path DEFAULT_SEED_FILE = Path.of("src", "database", "seed.sql");

    private static final Log LOG = Log.of(Component.OREZ);

    private final SqlSession db;

    public Seeder(SqlSession db) {
        this.db = db;
    }

    /**
     * The seed file to use: {@code configured} when given and not empty (the original treated an empty
     * value as "use the default"), else {@link #DEFAULT_SEED_FILE} under {@code projectDir}.
     */
    public static Path resolve(Path configured, Path projectDir) {
        if (configured == null || configured.toString().isEmpty()) {
            return projectDir.resolve(DEFAULT_SEED_FILE);
        }
        return configured;
    }

    /**
     * Seeds from {@code file} unless it does not exist or the database was seeded already.
     *
     * @return whether the seed ran
     * @throws StartupStepException when a statement of the seed fails; nothing of it is kept then
     */
    public boolean seed(Path file) {
        if (!Files.isRegularFile(file)) {
            LOG.debug("no seed file at " + file + ", skipping");
            return false;
        }
        db.run(
                "recording the seed",
                "CREATE SCHEMA IF NOT EXISTS _orez; CREATE TABLE IF NOT EXISTS _orez.seeded ("
                        + "only_one_row boolean PRIMARY KEY DEFAULT true CHECK (only_one_row), "
                        + "file text NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())");
        if (!db.query("SELECT 1 FROM _orez.seeded").rows().isEmpty()) {
            LOG.debug("database already seeded, skipping " + file);
            return false;
        }
        if (userTableHasRows()) {
            LOG.debug("public.\"user\" has rows, skipping " + file);
            return false;
        }
        TransactionalScript.apply(
                db,
                "seed file " + file,
                SqlFiles.read(file),
                "INSERT INTO _orez.seeded (file) VALUES (" + SqlSession.literal(file.toString()) + ")");
        LOG.info("seeded");
        return true;
    }

    /** The original's test; a missing table (or any error) counts as "no rows". */
    private boolean userTableHasRows() {
        try {
            return Long.parseLong(
                            db.query("SELECT count(*) FROM public.\"user\"").single())
                    > 0;
        } catch (SqlFailure e) {
            return false;
        }
    }
}
