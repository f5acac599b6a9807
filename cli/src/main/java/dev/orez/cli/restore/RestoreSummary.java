package dev.orez.cli.restore;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a restore did, with {@link #render()} for the user. */
public final class RestoreSummary {
    /** Problems listed by {@link #render()}; the rest are summed up in one line. */
    private static final int RENDERED_PROBLEMS = 20;

    /**
     * Failures of one kind: messages that differ only in quoted names ({@code relation "…" does not exist})
     * count together.
     *
     * @param message the message, or its pattern when the messages differed
     * @param firstLine the dump line of the first one
     * @param firstExample what failed first: the statement's start, or what was lost
     */
    public record Problem(String message, long count, long firstLine, String firstExample) {}

    private final long statementsExecuted;
    private final Map<String, Long> skippedByReason;
    private final long rowsCopied;
    private final long rowsSkipped;
    private final List<Problem> problems;
    private final List<String> droppedTriggers;
    private final Duration elapsed;
    private final boolean interrupted;

    RestoreSummary(
            long statementsExecuted,
            Map<String, Long> skippedByReason,
            long rowsCopied,
            long rowsSkipped,
            List<Problem> problems,
            List<String> droppedTriggers,
            Duration elapsed,
            boolean interrupted) {
        this.statementsExecuted = statementsExecuted;
        this.skippedByReason = Map.copyOf(skippedByReason);
        this.rowsCopied = rowsCopied;
        this.rowsSkipped = rowsSkipped;
        this.problems = List.copyOf(problems);
        this.droppedTriggers = List.copyOf(droppedTriggers);
        this.elapsed = elapsed;
        this.interrupted = interrupted;
    }

    /** Statements of the dump the target accepted; a COPY counts once, if any of its data loaded. */
    public long statementsExecuted() {
        return statementsExecuted;
    }

    public long statementsSkipped() {
        return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Why statements were not restored, and how many for each reason. */
    public Map<String, Long> skippedByReason() {
        return skippedByReason;
    }

    public long rowsCopied() {
        return rowsCopied;
    }

    /** COPY rows not restored: in failed chunks, oversized, or in skipped COPYs. */
    public long rowsSkipped() {
        return rowsSkipped;
    }

    /** Failed statements and lost data, grouped by kind, most frequent first. */
    public List<Problem> problems() {
        return problems;
    }

    /** Each {@code CREATE TRIGGER} that failed because the dump lacks its function. */
    public List<String> droppedTriggers() {
        return droppedTriggers;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** True when the thread was interrupted: the open batch was rolled back and the rest of the dump not read. */
    public boolean interrupted() {
        return interrupted;
    }

    /** A short report: totals, skipped statements by reason, lost triggers, and each kind of error once. */
    public String render() {
        StringBuilder out = new StringBuilder();
        double seconds = elapsed.toMillis() / 1000.0;
        out.append(String.format(
                Locale.ROOT,
                "restored %,d statements and %,d rows in %.1f s (%,.0f rows/s)%n",
                statementsExecuted,
                rowsCopied,
                seconds,
                seconds > 0 ? rowsCopied / seconds : 0.0));
        if (interrupted) {
            out.append("interrupted: the rest of the dump was not restored\n");
        }
        if (!skippedByReason.isEmpty()) {
            out.append(String.format(Locale.ROOT, "skipped %,d statements:%n", statementsSkipped()));
            skippedByReason.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(entry ->
                            out.append(String.format(Locale.ROOT, "  %,d × %s%n", entry.getValue(), entry.getKey())));
        }
        if (rowsSkipped > 0) {
            out.append(String.format(Locale.ROOT, "rows not restored: %,d%n", rowsSkipped));
        }
        if (!droppedTriggers.isEmpty()) {
            out.append("triggers not restored:\n");
            droppedTriggers.forEach(trigger -> out.append("  ").append(trigger).append('\n'));
        }
        if (!problems.isEmpty()) {
            long all = problems.stream().mapToLong(Problem::count).sum();
            out.append(String.format(Locale.ROOT, "errors (%,d, of %,d kinds):%n", all, problems.size()));
            problems.stream()
                    .limit(RENDERED_PROBLEMS)
                    .forEach(problem -> out.append(String.format(
                            Locale.ROOT,
                            "  %,d × %s%n      first at line %,d: %s%n",
                            problem.count(),
                            problem.message(),
                            problem.firstLine(),
                            problem.firstExample())));
            if (problems.size() > RENDERED_PROBLEMS) {
                out.append(String.format(Locale.ROOT, "  … and %,d more kinds%n", problems.size() - RENDERED_PROBLEMS));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
