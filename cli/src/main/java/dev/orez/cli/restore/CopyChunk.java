package dev.orez.cli.restore;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The rows of one COPY statement: the next rows of a {@link CopyBlock}, up to a number of rows or bytes, or
 * up to an oversized row (so a chunk is always consecutive lines of the file, and a COPY error's "line n"
 * is line {@code firstLine + n - 1} of the file). Rows are read as the target sends them. An interrupt of
 * the restoring thread stops the chunk with a {@link RestoreInterruptedException}.
 */
final class CopyChunk implements Iterator<String> {
    private final CopyBlock block;
    private final int maxRows;
    private final long maxBytes;
    private final ProgressMeter meter;
    private final long firstLine;
    private CopyRow pending;
    private CopyRow leftover;
    private boolean ended;
    private long rows;
    private long bytes;

    /** @param first the chunk's first row (taken whatever its size), or null for a COPY without data */
    CopyChunk(CopyBlock block, CopyRow first, int maxRows, long maxBytes, ProgressMeter meter) {
        this.block = block;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.meter = meter;
        this.pending = first;
        this.ended = first == null;
        this.firstLine = first == null ? block.line() + 1 : first.line();
    }

    @Override
    public boolean hasNext() {
        if (Thread.currentThread().isInterrupted()) {
            throw new RestoreInterruptedException();
        }
        if (pending != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        CopyRow row = block.nextRow();
        if (row == null) {
            ended = true;
        } else if (row.oversized() || rows >= maxRows || bytes + row.utf8Bytes() + 1 > maxBytes) {
            leftover = row;
            ended = true;
        } else {
            pending = row;
        }
        return pending != null;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CopyRow row = pending;
        pending = null;
        rows++;
        bytes += row.utf8Bytes() + 1;
        meter.tick();
        return row.text();
    }

    /** Reads past the rows the target did not take (it stopped at an error), counting them. */
    void drain() {
        while (hasNext()) {
            next();
        }
    }

    /** The row that ended the chunk without belonging to it, or null when the data ended. */
    CopyRow leftover() {
        return leftover;
    }

    long rows() {
        return rows;
    }

    long bytes() {
        return bytes;
    }

    long firstLine() {
        return firstLine;
    }

    /** The file line of the chunk's {@code n}-th line (from 1). */
    long fileLine(long n) {
        return firstLine + n - 1;
    }
}
