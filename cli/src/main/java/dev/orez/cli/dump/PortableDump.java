package dev.orez.cli.dump;

import dev.orez.proxy.rewrite.RewriteRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passes pg_dump's plain-SQL output on without what only orez's PGlite has, so the dump loads into any
 * PostgreSQL: orez's change-tracking triggers on the user's tables and its DDL event trigger (the functions they
 * call live in the {@code _orez} schema, which the dump leaves out), and {@code SET transaction_timeout}, a setting
 * pg_dump 17 and later write that servers before 17 reject (it only guards the restore against a timeout).
 *
 * <p>pg_dump heads every object with a comment block ({@code --} / {@code -- Name: …; Type: …; Schema: …}); an
 * object is dropped from its head to the next comment block (orez's objects hold no comments of their own). COPY
 * data is passed through untouched, whatever it holds.
 */
public final class PortableDump extends OutputStream {
    private static final Pattern OBJECT_HEAD =
            Pattern.compile("^-- (?:Data for )?Name: (.*); Type: (.*); Schema: (.*); Owner: .*$");
    private static final Pattern COPY_FROM_STDIN = Pattern.compile("^COPY .* FROM stdin;$");
    /** orez names its triggers after its schema: {@code _orez_capture_inserts}, {@code _orez_on_ddl_end}. */
    private static final String OREZ_PREFIX = RewriteRules.INTERNAL_SCHEMA + "_";

    private static final String END_OF_COPY = "\\.";

    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    /** A {@code --} line that may open an object's head; held until the next line tells. */
    private boolean heldCommentMarker;

    private boolean inCopyData;
    private boolean droppingObject;

    public PortableDump(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            endOfLine();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                endOfLine();
                start = i + 1;
            }
        }
        line.write(bytes, start, offset + length - start);
    }

    private void endOfLine() throws IOException {
        String text = line.toString(StandardCharsets.UTF_8);
        String content = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (inCopyData) {
            inCopyData = !content.equals(END_OF_COPY);
            emitUnlessDropping();
            return;
        }
        if (heldCommentMarker) {
            heldCommentMarker = false;
            if (content.startsWith("-- ")) { // a comment block: the next object's head, or the closing words
                Matcher head = OBJECT_HEAD.matcher(content);
                droppingObject = head.matches() && isOrezOnly(head.group(1), head.group(2), head.group(3));
            }
            if (!droppingObject) {
                out.write('-');
                out.write('-');
                out.write('\n');
            }
        }
        if (content.equals("--")) {
            heldCommentMarker = true;
            line.reset();
            return;
        }
        if (content.equals("SET transaction_timeout = 0;")) {
            line.reset();
            return;
        }
        inCopyData = COPY_FROM_STDIN.matcher(content).matches();
        emitUnlessDropping();
    }

    private void emitUnlessDropping() throws IOException {
        if (!droppingObject) {
            line.writeTo(out);
        }
        line.reset();
    }

    /** Triggers are named "table trigger"; orez names its own, and its event trigger, with a prefix. */
    private static boolean isOrezOnly(String name, String type, String schema) {
        String objectName = name.substring(name.lastIndexOf(' ') + 1);
        return schema.equals(RewriteRules.INTERNAL_SCHEMA)
                || ((type.equals("TRIGGER") || type.equals("EVENT TRIGGER")) && objectName.startsWith(OREZ_PREFIX));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes what is left (a last line without a newline) and flushes, leaving the stream underneath open. */
    public void finish() throws IOException {
        if (heldCommentMarker && !droppingObject) {
            out.write("--\n".getBytes(StandardCharsets.US_ASCII));
            heldCommentMarker = false;
        }
        if (line.size() > 0) {
            emitUnlessDropping();
        }
        out.flush();
    }

    /** {@link #finish()}, then closes the stream underneath. */
    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }
}
