package dev.orez.cli.restore;

/**
 * A {@code COPY table [(columns)] FROM stdin [options]} statement, whose data follows it in the dump. The
 * statement is sent as written; what is parsed here is only what the restore needs to know.
 *
 * @param table the target as written, for messages
 * @param linesAreRows true without options: text format, where every data line is one row, so the data
 *     can be sent in several COPYs. With options (CSV may have line breaks inside values, HEADER takes the
 *     first line) the data must go in one COPY.
 */
record CopyStatement(String sql, String table, boolean linesAreRows) {
    /** The statement as a COPY whose data follows in the dump, or null when it is not one. */
    static CopyStatement parse(String sql) {
        SqlTokens tokens = new SqlTokens(sql);
        if (!tokens.next().isWord("copy")) {
            return null;
        }
        SqlTokens.Token first = tokens.next();
        if (!first.isName()) {
            return null; // COPY (query) TO …
        }
        SqlTokens.Token last = first;
        SqlTokens.Token token = tokens.next();
        while (token.isSymbol('.')) {
            last = tokens.next();
            token = tokens.next();
        }
        if (token.isSymbol('(')) {
            token = afterParentheses(tokens);
        }
        if (!token.isWord("from") || !tokens.next().isWord("stdin")) {
            return null;
        }
        boolean noOptions = tokens.next().kind() == SqlLexer.Kind.END;
        return new CopyStatement(sql, sql.substring(first.start(), last.end()), noOptions);
    }

    /** After an opening parenthesis: the token after the matching closing one. */
    private static SqlTokens.Token afterParentheses(SqlTokens tokens) {
        int depth = 1;
        while (depth > 0) {
            SqlTokens.Token token = tokens.next();
            if (token.kind() == SqlLexer.Kind.END) {
                return token;
            }
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')')) {
                depth--;
            }
        }
        return tokens.next();
    }
}
