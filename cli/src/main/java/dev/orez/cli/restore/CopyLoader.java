package dev.orez.cli.restore;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a {@link CopyBlock}'s data with the COPY protocol in chunks, each its own COPY statement and
 * transaction, so a huge table neither holds one transaction open for hours nor loses everything to one bad
 * row. A failed chunk's rows are counted as not restored and the next chunk goes on, unless the error says
 * the statement itself cannot work (SQLSTATE class 42: no such table or column), when the rest of the
 * block is skipped at once. Rows over the size limit are skipped with a warning.
 */
final class CopyLoader {
    /** How a COPY error's CONTEXT names the data line: {@code COPY items, line 35, column id: "x"}. */
    private static final Pattern DATA_LINE = Pattern.compile("^COPY .*?, line (\\d+)");

    private static final String STATEMENT_CANNOT_WORK_CLASS = "42";

    private final RestoreTarget target;
    private final RestoreSettings settings;
    private final RestoreTally tally;
    private final ProgressMeter meter;
    private final Checkpoints checkpoints;

    CopyLoader(
            RestoreTarget target,
            RestoreSettings settings,
            RestoreTally tally,
            ProgressMeter meter,
            Checkpoints checkpoints) {
        this.target = target;
        this.settings = settings;
        this.tally = tally;
        this.meter = meter;
        this.checkpoints = checkpoints;
    }

    void load(CopyBlock block) {
        CopyStatement copy = block.statement();
        int maxRows = copy.linesAreRows() ? settings.copyChunkRows() : Integer.MAX_VALUE;
        long maxBytes = copy.linesAreRows() ? settings.copyChunkBytes() : Long.MAX_VALUE;
        boolean anyLoaded = false;
        CopyRow next = block.nextRow();
        do {
            next = skipOversized(copy, block, next);
            CopyChunk chunk = new CopyChunk(block, next, maxRows, maxBytes, meter);
            try {
                tally.rowsCopied(target.copyIn(copy.sql(), chunk));
                checkpoints.loaded(chunk.bytes());
                anyLoaded = true;
            } catch (RestoreSqlException e) {
                chunk.drain();
                boolean hopeless = e.sqlState().startsWith(STATEMENT_CANNOT_WORK_CLASS);
                long lost = chunk.rows();
                if (hopeless) {
                    lost += (chunk.leftover() == null ? 0 : 1) + block.skipRest();
                }
                tally.rowsSkipped(lost);
                tally.lost(
                        "COPY " + copy.table() + ": " + e.getMessage(),
                        failedLine(chunk, e),
                        lostRows(chunk, lost, hopeless));
                if (hopeless) {
                    break;
                }
            }
            next = chunk.leftover();
        } while (next != null);
        if (anyLoaded) {
            tally.executed(1);
        } else {
            tally.skipped(RestoreTally.FAILED);
        }
    }

    private CopyRow skipOversized(CopyStatement copy, CopyBlock block, CopyRow row) {
        CopyRow current = row;
        while (current != null && current.oversized()) {
            tally.rowsSkipped(1);
            tally.lost(
                    "COPY " + copy.table() + ": row over the " + megabytes(settings.maxRowBytes()) + " limit",
                    current.line(),
                    "a row of " + megabytes(current.utf8Bytes()) + " was not restored");
            current = block.nextRow();
        }
        return current;
    }

    private static long failedLine(CopyChunk chunk, RestoreSqlException e) {
        Matcher line = DATA_LINE.matcher(e.where());
        return line.find() ? chunk.fileLine(Long.parseLong(line.group(1))) : chunk.firstLine();
    }

    private static String lostRows(CopyChunk chunk, long lost, boolean toTheEnd) {
        if (toTheEnd) {
            return String.format(
                    Locale.ROOT,
                    "%,d rows from line %,d to the end of this COPY were not restored",
                    lost,
                    chunk.firstLine());
        }
        return String.format(
                Locale.ROOT,
                "the %,d rows of lines %,d–%,d were not restored",
                lost,
                chunk.firstLine(),
                chunk.fileLine(lost));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
    }
}
