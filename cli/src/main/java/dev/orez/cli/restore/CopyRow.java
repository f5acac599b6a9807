package dev.orez.cli.restore;

/**
 * One line of COPY data as the dump has it (text format: tab-separated, backslash escapes, {@code \N} for
 * NULL), without its line terminator. {@code text} is null for a line that was too long to keep.
 */
record CopyRow(String text, long line, long utf8Bytes) {
    boolean oversized() {
        return text == null;
    }
}
