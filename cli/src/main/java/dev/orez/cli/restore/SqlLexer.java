package dev.orez.cli.restore;

/**
 * Finds where SQL tokens end, following Postgres's scanner where it matters for that: string constants
 * ({@code '…'} with {@code ''}, {@code E'…'} with backslash escapes), quoted identifiers ({@code "…"} with
 * {@code ""}), dollar quotes ({@code $$…$$}, {@code $tag$…$tag$}; {@code $1} is a parameter), {@code --} line
 * comments and nested {@code /* *}{@code /} comments. It only classifies tokens; their text is wherever the
 * cursor's characters went, so the same rules split a streamed dump into statements and pick apart a
 * statement's leading words.
 */
final class SqlLexer {
    enum Kind {
        END,
        /** A keyword or unquoted identifier. */
        WORD,
        QUOTED_IDENTIFIER,
        /** Any string constant, dollar-quoted ones included. */
        STRING,
        /** One punctuation or operator character. */
        SYMBOL,
        /** A number, a parameter such as {@code $1}, or something Postgres would reject anyway. */
        OTHER
    }

    private final CharCursor in;
    private final StringBuilder tag = new StringBuilder();

    SqlLexer(CharCursor in) {
        this.in = in;
    }

    /** Consumes whitespace and comments. */
    void skipSpaceAndComments() {
        while (true) {
            int c = in.peek(0);
            if (isSpace(c)) {
                in.read();
            } else if (c == '-' && in.peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && in.peek(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    /** Consumes the next token, with the whitespace and comments before it. */
    Kind next() {
        skipSpaceAndComments();
        int c = in.read();
        if (c < 0) {
            return Kind.END;
        }
        if (c == '\'') {
            skipQuoted('\'', false);
            return Kind.STRING;
        }
        if (c == '"') {
            skipQuoted('"', false);
            return Kind.QUOTED_IDENTIFIER;
        }
        if (c == '$') {
            return afterDollar();
        }
        if (isWordStart(c)) {
            return afterWordStart(c);
        }
        if (isDigit(c)) {
            while (isWordPart(in.peek(0)) || in.peek(0) == '.') {
                in.read();
            }
            return Kind.OTHER;
        }
        return Kind.SYMBOL;
    }

    private Kind afterWordStart(int first) {
        boolean single = true;
        while (isWordPart(in.peek(0))) {
            in.read();
            single = false;
        }
        if (single && (first == 'e' || first == 'E') && in.peek(0) == '\'') {
            in.read();
            skipQuoted('\'', true);
            return Kind.STRING;
        }
        return Kind.WORD;
    }

    private Kind afterDollar() {
        int c = in.peek(0);
        if (isDigit(c)) {
            while (isDigit(in.peek(0))) {
                in.read();
            }
            return Kind.OTHER;
        }
        if (c != '$' && !isWordStart(c)) {
            return Kind.SYMBOL;
        }
        tag.setLength(0);
        while (isTagPart(in.peek(0))) {
            tag.append((char) in.read());
        }
        if (in.peek(0) != '$') {
            return Kind.OTHER; // "$abc" without a closing "$" is no dollar quote, and no valid SQL either
        }
        in.read();
        skipDollarQuoted();
        return Kind.STRING;
    }

    /** Reads up to the closing {@code $tag$}; other tags inside are plain text. */
    private void skipDollarQuoted() {
        while (true) {
            int c = in.read();
            if (c < 0) {
                return;
            }
            if (c != '$') {
                continue;
            }
            int matched = 0;
            while (matched < tag.length() && in.peek(0) == tag.charAt(matched)) {
                in.read();
                matched++;
            }
            if (matched == tag.length() && in.peek(0) == '$') {
                in.read();
                return;
            }
            // not the closing tag; whatever stopped the match is read again by the loop
        }
    }

    /** After the opening quote: up to the closing one, a doubled quote standing for itself. */
    private void skipQuoted(char quote, boolean backslashEscapes) {
        while (true) {
            int c = in.read();
            if (c < 0) {
                return;
            }
            if (backslashEscapes && c == '\\') {
                in.read();
            } else if (c == quote) {
                if (in.peek(0) != quote) {
                    return;
                }
                in.read();
            }
        }
    }

    private void skipLineComment() {
        int c;
        do {
            c = in.read();
        } while (c >= 0 && c != '\n');
    }

    private void skipBlockComment() {
        in.read();
        in.read();
        int depth = 1;
        while (depth > 0) {
            int c = in.read();
            if (c < 0) {
                return;
            }
            if (c == '/' && in.peek(0) == '*') {
                in.read();
                depth++;
            } else if (c == '*' && in.peek(0) == '/') {
                in.read();
                depth--;
            }
        }
    }

    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** Letters, underscore, and every non-ASCII character, as Postgres's scanner has it. */
    static boolean isWordStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isWordPart(int c) {
        return isWordStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isTagPart(int c) {
        return isWordStart(c) || isDigit(c);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
