package dev.orez.cli.restore;

/** Characters read one at a time with a little lookahead: a dump file being streamed, or one statement's text. */
interface CharCursor {
    /** The character {@code ahead} positions past the next one (0: the next one), or -1 past the end. */
    int peek(int ahead);

    /** Consumes and returns the next character, or -1 at the end. */
    int read();
}
