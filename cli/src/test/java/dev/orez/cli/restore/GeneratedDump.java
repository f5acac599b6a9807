package dev.orez.cli.restore;

import java.io.Reader;
import java.util.function.IntFunction;

/** A dump made up while it is read: a head, {@code count} generated lines, a tail; nothing held in memory. */
final class GeneratedDump extends Reader {
    private final String head;
    private final IntFunction<String> line;
    private final int count;
    private final String tail;
    private String current;
    private int offset;
    private int next = -1;

    GeneratedDump(String head, IntFunction<String> line, int count, String tail) {
        this.head = head;
        this.line = line;
        this.count = count;
        this.tail = tail;
        this.current = head;
    }

    @Override
    public int read(char[] buffer, int start, int length) {
        while (current != null && offset == current.length()) {
            next++;
            current = next < count ? line.apply(next) + "\n" : next == count ? tail : null;
            offset = 0;
        }
        if (current == null) {
            return -1;
        }
        int n = Math.min(length, current.length() - offset);
        current.getChars(offset, offset + n, buffer, start);
        offset += n;
        return n;
    }

    @Override
    public void close() {}
}
