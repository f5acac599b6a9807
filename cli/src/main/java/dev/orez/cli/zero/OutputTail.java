package dev.orez.cli.zero;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last lines a zero-cache printed, for the report when it crashes. Safe to use from several threads. */
final class OutputTail {
    static final int CAPACITY = 80;

    private final Deque<String> lines = new ArrayDeque<>(CAPACITY);

    synchronized void add(String line) {
        if (lines.size() == CAPACITY) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** Up to {@code count} of the most recent lines, oldest first. */
    synchronized List<String> last(int count) {
        List<String> all = new ArrayList<>(lines);
        return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
    }
}
