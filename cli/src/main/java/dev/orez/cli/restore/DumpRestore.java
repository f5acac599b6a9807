package dev.orez.cli.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Restores a plain-SQL dump into a {@link RestoreTarget}, streaming it so memory stays the same for any
 * size. COPY data goes with the COPY protocol in chunks ({@link CopyLoader}); INSERT/UPDATE/DELETE in
 * batched transactions ({@link DataBatch}); everything else on its own in autocommit, where a failure is a
 * warning and the restore goes on (dumps filtered with {@code -t}/{@code -n} reference objects they left
 * out). Some statements are skipped or made idempotent ({@link StatementRules}).
 *
 * <p>The restore ends by resetting the session's settings, which the dump's preamble changed
 * ({@code search_path} to empty, among others). If the thread is interrupted it stops at the next row or
 * statement, rolls back its open transaction and returns a summary marked {@linkplain
 * RestoreSummary#interrupted() interrupted}, with the interrupt flag still set.
 */
public final class DumpRestore {
    static final String META_COMMAND = "psql meta-command";
    /** The trigger's function, or its schema, does not exist. */
    private static final Set<String> MISSING_FUNCTION = Set.of("42883", "3F000");

    private final RestoreTarget target;
    private final RestoreSettings settings;
    private final RestoreListener listener;

    public DumpRestore(RestoreTarget target, RestoreSettings settings, RestoreListener listener) {
        this.target = target;
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Restores {@code dump} (UTF-8), with progress against its size.
     *
     * @throws IOException when the file cannot be opened
     * @throws RestoreFailedException when the restore cannot go on; it holds the summary so far
     */
    public RestoreSummary restore(Path dump) throws IOException {
        long size = Files.size(dump);
        try (DumpReader reader = DumpReader.open(dump, settings.maxRowBytes())) {
            return restore(reader, OptionalLong.of(size));
        }
    }

    /**
     * Restores what {@code reader} reads; {@code totalBytes} is its size in UTF-8 bytes, when known, for
     * progress.
     *
     * @throws RestoreFailedException when the restore cannot go on; it holds the summary so far
     */
    public RestoreSummary restore(DumpReader reader, OptionalLong totalBytes) {
        RestoreTally tally = new RestoreTally(listener);
        ProgressMeter meter =
                new ProgressMeter(listener, settings.progressInterval(), reader::bytesRead, totalBytes, tally);
        Checkpoints checkpoints = new Checkpoints(target, settings.checkpointBytes());
        DataBatch batch = new DataBatch(target, settings, tally, checkpoints);
        CopyLoader copies = new CopyLoader(target, settings, tally, meter, checkpoints);
        boolean interrupted = false;
        try {
            StatementRules rules = new StatementRules(target.availableExtensions());
            if (settings.clean()) {
                cleanPublicSchema();
            }
            for (DumpItem item = next(reader); item != null; item = next(reader)) {
                if (item instanceof CopyBlock block) {
                    batch.commit();
                    copy(block, rules, copies, tally);
                } else if (item instanceof DumpItem.Statement statement) {
                    statement(statement, rules, batch, tally);
                } else {
                    tally.skipped(META_COMMAND);
                }
                meter.tick();
            }
            batch.commit();
            checkpoints.finish();
            resetSession();
        } catch (RestoreInterruptedException e) {
            interrupted = true;
            abandonWhileInterrupted(batch);
        } catch (RuntimeException e) {
            batch.abandon();
            meter.finish();
            throw new RestoreFailedException(e.getMessage(), e, tally.summary(meter.elapsed(), false));
        }
        meter.finish();
        return tally.summary(meter.elapsed(), interrupted);
    }

    private static DumpItem next(DumpReader reader) {
        if (Thread.currentThread().isInterrupted()) {
            throw new RestoreInterruptedException();
        }
        return reader.next();
    }

    private void statement(DumpItem.Statement statement, StatementRules rules, DataBatch batch, RestoreTally tally) {
        Step step = rules.classify(statement.sql());
        if (step instanceof Step.Skip skip) {
            tally.skipped(skip.reason());
        } else if (step instanceof Step.Data) {
            batch.add(statement.sql(), statement.line());
        } else if (step instanceof Step.CreateSchema schema) {
            batch.commit();
            if (settings.clean()) {
                execute("DROP SCHEMA IF EXISTS " + schema.name() + " CASCADE", null, statement, tally);
            }
            execute(schema.sql(), null, statement, tally);
        } else {
            Step.Run run = (Step.Run) step;
            batch.commit();
            execute(run.sql(), run.trigger(), statement, tally);
        }
    }

    private void execute(String sql, Step.TriggerStatement trigger, DumpItem.Statement statement, RestoreTally tally) {
        try {
            target.execute(sql);
            tally.executed(1);
        } catch (RestoreSqlException e) {
            if (trigger != null && MISSING_FUNCTION.contains(e.sqlState())) {
                tally.droppedTrigger(trigger, e);
            } else {
                tally.failed(statement.sql(), statement.line(), e);
            }
        }
    }

    private static void copy(CopyBlock block, StatementRules rules, CopyLoader copies, RestoreTally tally) {
        if (rules.classify(block.statement().sql()) instanceof Step.Skip skip) {
            tally.skipped(skip.reason());
            tally.rowsSkipped(block.skipRest());
        } else {
            copies.load(block);
        }
    }

    /**
     * {@code --clean}: an empty {@code public}; every other schema the dump creates is dropped just before it is
     * created again. orez's own objects live in schema {@code _orez} and survive; the tables dropped here leave
     * their publications, and orez tracks changes of published tables only.
     */
    private void cleanPublicSchema() {
        try {
            target.execute("DROP SCHEMA public CASCADE");
            target.execute("CREATE SCHEMA public");
        } catch (RestoreSqlException e) {
            throw new IllegalStateException("could not clean schema public: " + e.getMessage(), e);
        }
    }

    /** Puts back the settings the dump's preamble changed, for whatever runs on this session next. */
    private void resetSession() {
        try {
            target.execute("RESET ALL");
        } catch (RestoreSqlException e) {
            listener.warning("could not reset the session's settings after the restore: " + e.getMessage());
        }
    }

    /** The rollback must get through although the thread is interrupted; the flag is set again after. */
    private static void abandonWhileInterrupted(DataBatch batch) {
        boolean interrupted = Thread.interrupted();
        try {
            batch.abandon();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
