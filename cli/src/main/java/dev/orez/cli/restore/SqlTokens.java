package dev.orez.cli.restore;

import java.util.Locale;

/** The tokens of one statement's text, in order, each with where it is in the text. */
final class SqlTokens {
    record Token(SqlLexer.Kind kind, String sql, int start, int end) {
        String text() {
            return sql.substring(start, end);
        }

        boolean isWord(String lowerCase) {
            return kind == SqlLexer.Kind.WORD
                    && sql.regionMatches(true, start, lowerCase, 0, end - start)
                    && lowerCase.length() == end - start;
        }

        boolean isSymbol(char c) {
            return kind == SqlLexer.Kind.SYMBOL && sql.charAt(start) == c;
        }

        boolean isName() {
            return kind == SqlLexer.Kind.WORD || kind == SqlLexer.Kind.QUOTED_IDENTIFIER;
        }

        /** An identifier as Postgres resolves it: unquoted folded to lower case, quoted taken as written. */
        String name() {
            if (kind == SqlLexer.Kind.QUOTED_IDENTIFIER) {
                return sql.substring(start + 1, end - 1).replace("\"\"", "\"");
            }
            return text().toLowerCase(Locale.ROOT);
        }

        /** A plain {@code '…'} constant's value; other forms (E'', dollar quotes) come back as written. */
        String stringValue() {
            String text = text();
            if (text.length() >= 2 && text.charAt(0) == '\'') {
                return text.substring(1, text.length() - 1).replace("''", "'");
            }
            return text;
        }
    }

    /** Reads a string through the lexer, remembering the position for the tokens' offsets. */
    private static final class StringCursor implements CharCursor {
        private final String text;
        private int position;

        StringCursor(String text) {
            this.text = text;
        }

        @Override
        public int peek(int ahead) {
            int at = position + ahead;
            return at < text.length() ? text.charAt(at) : -1;
        }

        @Override
        public int read() {
            return position < text.length() ? text.charAt(position++) : -1;
        }
    }

    private final String sql;
    private final StringCursor cursor;
    private final SqlLexer lexer;

    SqlTokens(String sql) {
        this.sql = sql;
        this.cursor = new StringCursor(sql);
        this.lexer = new SqlLexer(cursor);
    }

    /** The next token; at the end, a token of kind END (again on every later call). */
    Token next() {
        lexer.skipSpaceAndComments();
        int start = cursor.position;
        SqlLexer.Kind kind = lexer.next();
        return new Token(kind, sql, start, cursor.position);
    }
}
