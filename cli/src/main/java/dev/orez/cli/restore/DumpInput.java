package dev.orez.cli.restore;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;

/**
 * A dump file's characters through a fixed-size buffer, so memory stays the same however large the file is.
 * Keeps the line number (for messages) and the UTF-8 size of what was consumed (for progress against the
 * file size), and can copy consumed characters into a statement being collected.
 */
final class DumpInput implements CharCursor {
    private static final int BUFFER_CHARS = 1 << 16;

    /** A line of the file without its terminator; {@code text} is null when it was longer than allowed. */
    record Line(String text, long utf8Bytes) {}

    private final Reader reader;
    private char[] buffer = new char[BUFFER_CHARS];
    private int position;
    private int limit;
    private boolean ended;
    private long line = 1;
    /** UTF-8 bytes of everything consumed before {@link #counted}, which indexes the buffer. */
    private long bytesBefore;

    private int counted;
    private StringBuilder recording;
    private final StringBuilder lineText = new StringBuilder();

    DumpInput(Reader reader) {
        this.reader = reader;
    }

    @Override
    public int peek(int ahead) {
        if (position + ahead >= limit && !fill(ahead + 1)) {
            return -1;
        }
        return buffer[position + ahead];
    }

    @Override
    public int read() {
        if (position >= limit && !fill(1)) {
            return -1;
        }
        char c = buffer[position++];
        if (c == '\n') {
            line++;
        }
        if (recording != null) {
            recording.append(c);
        }
        return c;
    }

    /** From now on, every consumed character is also appended to {@code statement}. */
    void record(StringBuilder statement) {
        recording = statement;
    }

    void stopRecording() {
        recording = null;
    }

    /** The line the next character is on, counting from 1. */
    long line() {
        return line;
    }

    long bytesRead() {
        countConsumed();
        return bytesBefore;
    }

    /**
     * Consumes the rest of the current line and its LF (a CR before it is dropped too). Null at the end of
     * the file. A line over {@code maxBytes} of UTF-8 is consumed without being kept, so one huge line cannot
     * exhaust memory.
     */
    Line readLine(long maxBytes) {
        if (position >= limit && !fill(1)) {
            return null;
        }
        lineText.setLength(0);
        long bytes = 0;
        boolean tooLong = false;
        while (position < limit || fill(1)) {
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                bytes += utf8Length(buffer[position]);
                position++;
            }
            if (bytes > maxBytes) {
                tooLong = true;
                lineText.setLength(0);
            } else {
                lineText.append(buffer, start, position - start);
            }
            if (position < limit) {
                position++;
                line++;
                break;
            }
        }
        if (tooLong) {
            return new Line(null, bytes);
        }
        int length = lineText.length();
        if (length > 0 && lineText.charAt(length - 1) == '\r') {
            lineText.setLength(length - 1);
            bytes--;
        }
        return new Line(lineText.toString(), bytes);
    }

    /** Makes at least {@code wanted} unconsumed characters available unless the file ends first. */
    private boolean fill(int wanted) {
        countConsumed();
        if (limit - position >= wanted) {
            return true;
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        counted = 0;
        if (wanted > buffer.length) {
            char[] larger = new char[Math.max(wanted, buffer.length * 2)];
            System.arraycopy(buffer, 0, larger, 0, limit);
            buffer = larger;
        }
        while (!ended && limit < wanted) {
            int n = readSome();
            if (n < 0) {
                ended = true;
            } else {
                limit += n;
            }
        }
        return limit - position >= wanted;
    }

    private int readSome() {
        try {
            return reader.read(buffer, limit, buffer.length - limit);
        } catch (CharacterCodingException e) {
            throw new DumpFormatException("the dump is not valid UTF-8 near line " + line, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dump near line " + line + ": " + e.getMessage(), e);
        }
    }

    private void countConsumed() {
        for (int i = counted; i < position; i++) {
            bytesBefore += utf8Length(buffer[i]);
        }
        counted = position;
    }

    /** Each half of a surrogate pair counts 2, so the pair counts its 4 bytes. */
    private static int utf8Length(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800 || Character.isSurrogate(c)) {
            return 2;
        }
        return 3;
    }
}
