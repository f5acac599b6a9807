package dev.orez.cli.restore;

/**
 * A {@code COPY … FROM stdin} statement and the data lines after it, up to the line {@code \.}. The rows are
 * read from the file as they are asked for; whatever is not read is skipped when the reader moves on.
 */
public final class CopyBlock implements DumpItem {
    private static final String END_OF_DATA = "\\.";

    private final CopyStatement statement;
    private final long line;
    private final DumpInput input;
    private final long maxRowBytes;
    private boolean finished;

    CopyBlock(CopyStatement statement, long line, DumpInput input, long maxRowBytes) {
        this.statement = statement;
        this.line = line;
        this.input = input;
        this.maxRowBytes = maxRowBytes;
    }

    CopyStatement statement() {
        return statement;
    }

    @Override
    public long line() {
        return line;
    }

    /**
     * The next data line, or null after {@code \.}.
     *
     * @throws DumpFormatException when the file ends before {@code \.}: the dump is cut short
     */
    CopyRow nextRow() {
        if (finished) {
            return null;
        }
        long rowLine = input.line();
        DumpInput.Line read = input.readLine(maxRowBytes);
        if (read == null) {
            finished = true;
            throw new DumpFormatException("the dump ends inside the data of COPY " + statement.table() + " (line "
                    + line + "), without its closing \\. line: is the file complete?");
        }
        if (END_OF_DATA.equals(read.text())) {
            finished = true;
            return null;
        }
        return new CopyRow(read.text(), rowLine, read.utf8Bytes());
    }

    /** Reads past the rest of the data; returns how many rows that was. */
    long skipRest() {
        long rows = 0;
        while (nextRow() != null) {
            rows++;
        }
        return rows;
    }
}
