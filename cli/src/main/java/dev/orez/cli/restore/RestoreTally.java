package dev.orez.cli.restore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The running counts of one restore, which become its {@link RestoreSummary}. */
final class RestoreTally {
    static final String FAILED = "failed (see errors)";
    static final String MISSING_TRIGGER_FUNCTION = "trigger whose function is not in the dump";
    private static final int PREVIEW_CHARS = 120;

    private final ProblemLog problems;
    private final RestoreListener listener;
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private final List<String> droppedTriggers = new ArrayList<>();
    private long executed;
    private long rowsCopied;
    private long rowsSkipped;

    RestoreTally(RestoreListener listener) {
        this.listener = listener;
        this.problems = new ProblemLog(listener);
    }

    void executed(long statements) {
        executed += statements;
    }

    long executed() {
        return executed;
    }

    void skipped(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    /** A statement the target rejected. */
    void failed(String sql, long line, RestoreSqlException e) {
        skipped(FAILED);
        String detail = e.detail().isEmpty() ? "" : " (" + e.detail() + ")";
        problems.add(e.getMessage(), line, preview(sql) + detail, false);
    }

    /** Data that did not make it, with what was lost; each one is told. */
    void lost(String message, long line, String what) {
        problems.add(message, line, what, true);
    }

    void droppedTrigger(Step.TriggerStatement trigger, RestoreSqlException e) {
        skipped(MISSING_TRIGGER_FUNCTION);
        String message = "trigger " + trigger.name() + " on " + trigger.table() + ": its function " + trigger.function()
                + " is missing from the dump (" + e.getMessage() + ")";
        droppedTriggers.add(message);
        listener.warning("not restored: " + message);
    }

    void rowsCopied(long rows) {
        rowsCopied += rows;
    }

    long rowsCopied() {
        return rowsCopied;
    }

    void rowsSkipped(long rows) {
        rowsSkipped += rows;
    }

    RestoreSummary summary(Duration elapsed, boolean interrupted) {
        return new RestoreSummary(
                executed, skipped, rowsCopied, rowsSkipped, problems.problems(), droppedTriggers, elapsed, interrupted);
    }

    /** The statement's start on one line, for a message. */
    static String preview(String sql) {
        String start = sql.length() <= 4 * PREVIEW_CHARS ? sql : sql.substring(0, 4 * PREVIEW_CHARS);
        String oneLine = start.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= PREVIEW_CHARS ? oneLine : oneLine.substring(0, PREVIEW_CHARS) + "…";
    }
}
