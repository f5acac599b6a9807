package dev.orez.pglite.fs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The guest's stdout or stderr: split into lines for the logger, with the last lines kept so that a failure
 * (e.g. {@code main} not starting) can quote what Postgres printed. Reading yields end of file.
 */
public final class ConsoleStream extends OpenFile {
    private static final int KEPT_LINES = 40;

    private final Consumer<String> lines;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final Deque<String> recent = new ArrayDeque<>();

    public ConsoleStream(String name, Consumer<String> lines) {
        super(name, OpenFlags.O_RDWR);
        this.lines = lines;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long pos) {
        return 0;
    }

    @Override
    public int write(byte[] buffer, int offset, int length, long pos) {
        for (int i = offset; i < offset + length; i++) {
            if (buffer[i] == '\n') {
                emitLine();
            } else {
                partial.write(buffer[i]);
            }
        }
        return length;
    }

    private void emitLine() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        if (recent.size() == KEPT_LINES) {
            recent.removeFirst();
        }
        recent.addLast(line);
        lines.accept(line);
    }

    /** The most recent complete lines, oldest first. */
    public String recentOutput() {
        return String.join("\n", recent);
    }

    @Override
    public FileStat stat() {
        return new FileStat(5, FileStat.S_IFCHR | 0620, 1, 0, 1, 0, 0, 0);
    }

    @Override
    public boolean isTerminal() {
        return true;
    }
}
