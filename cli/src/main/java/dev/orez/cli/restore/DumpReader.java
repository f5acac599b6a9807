package dev.orez.cli.restore;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a plain-SQL dump (as {@code pg_dump} writes it) one item at a time, holding only the current
 * statement or data line in memory. A statement ends at a semicolon outside quotes, dollar quotes and
 * comments, not at the end of a line; a line starting with a backslash where a statement would start is a
 * psql meta-command; {@code COPY … FROM stdin} is followed by its data lines up to {@code \.}.
 */
public final class DumpReader implements Closeable {
    private final Reader source;
    private final DumpInput input;
    private final SqlLexer lexer;
    private final long maxRowBytes;
    private final StringBuilder statement = new StringBuilder();
    private CopyBlock openBlock;

    /**
     * @param maxRowBytes data lines longer than this (in UTF-8) are not kept in memory, only reported as
     *     {@linkplain CopyRow#oversized() oversized}
     */
    public DumpReader(Reader source, long maxRowBytes) {
        this.source = source;
        this.input = new DumpInput(source);
        this.lexer = new SqlLexer(input);
        this.maxRowBytes = maxRowBytes;
    }

    /** Reads {@code file} as UTF-8; bytes that are not UTF-8 are an error rather than silently replaced. */
    public static DumpReader open(Path file, long maxRowBytes) throws IOException {
        Reader reader = new InputStreamReader(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        return new DumpReader(reader, maxRowBytes);
    }

    /**
     * The next item, or null at the end of the file. Rows of a previous {@link CopyBlock} that were not read
     * are skipped first. Text after the last semicolon is a statement of its own.
     *
     * @throws DumpFormatException when the file ends inside COPY data or is not UTF-8
     * @throws UncheckedIOException when the file cannot be read
     */
    public DumpItem next() {
        if (openBlock != null) {
            openBlock.skipRest();
            openBlock = null;
        }
        lexer.skipSpaceAndComments();
        if (input.peek(0) < 0) {
            return null;
        }
        long line = input.line();
        if (input.peek(0) == '\\') {
            return new DumpItem.MetaCommand(
                    input.readLine(Long.MAX_VALUE).text().strip(), line);
        }
        String sql = readStatement();
        CopyStatement copy = CopyStatement.parse(sql);
        if (copy == null) {
            return new DumpItem.Statement(sql, line);
        }
        input.readLine(Long.MAX_VALUE); // the data starts on the line after the statement
        openBlock = new CopyBlock(copy, line, input, maxRowBytes);
        return openBlock;
    }

    /** UTF-8 bytes consumed so far, to compare with the file's size. */
    public long bytesRead() {
        return input.bytesRead();
    }

    private String readStatement() {
        statement.setLength(0);
        input.record(statement);
        try {
            while (true) {
                SqlLexer.Kind kind = lexer.next();
                if (kind == SqlLexer.Kind.END) {
                    break;
                }
                if (kind == SqlLexer.Kind.SYMBOL && statement.charAt(statement.length() - 1) == ';') {
                    statement.setLength(statement.length() - 1);
                    break;
                }
            }
        } finally {
            input.stopRecording();
        }
        int end = statement.length();
        while (end > 0 && SqlLexer.isSpace(statement.charAt(end - 1))) {
            end--;
        }
        return statement.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
