package dev.orez.proxy.rewrite;

import java.util.BitSet;

/**
 * Which characters of a SQL text are code, as opposed to the inside of a string literal, quoted identifier,
 * dollar-quoted body or comment. Rules only rewrite code, so {@code UPDATE t SET note = 'read only'} keeps
 * its note and a function body is left as written.
 */
final class SqlText {
    private final BitSet quoted = new BitSet();

    SqlText(String sql) {
        this(sql, false);
    }

    /** With {@code bodiesAreCode}, the inside of a dollar-quoted body is scanned as code too. */
    SqlText(String sql, boolean bodiesAreCode) {
        scan(sql, 0, sql.length(), bodiesAreCode);
    }

    private void scan(String sql, int from, int n, boolean bodiesAreCode) {
        int i = from;
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'') {
                boolean backslashEscapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
                end = endOfQuoted(sql, i, '\'', backslashEscapes);
            } else if (c == '"') {
                end = endOfQuoted(sql, i, '"', false);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int newline = sql.indexOf('\n', i);
                end = newline < 0 ? n : newline;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = endOfBlockComment(sql, i);
            } else if (c == '$' && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                end = endOfDollarQuoted(sql, i);
                int tag = end > i ? dollarTagLength(sql, i) : 0;
                if (bodiesAreCode && end - i >= 2 * tag && tag > 0) {
                    quoted.set(i, i + tag);
                    quoted.set(end - tag, end);
                    scan(sql, i + tag, end - tag, true);
                    i = end;
                    continue;
                }
            } else {
                end = i;
            }
            if (end > i) {
                quoted.set(i, end);
                i = end;
            } else {
                i++;
            }
        }
    }

    boolean isCode(int index) {
        return !quoted.get(index);
    }

    private static int endOfQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote inside the literal
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Block comments nest in SQL. */
    private static int endOfBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length() - 1) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** {@code $$...$$} or {@code $tag$...$tag$}; a lone {@code $1} parameter is code. */
    private static int endOfDollarQuoted(String sql, int start) {
        int tag = dollarTagLength(sql, start);
        if (tag == 0) {
            return start;
        }
        int close = sql.indexOf(sql.substring(start, start + tag), start + tag);
        return close < 0 ? sql.length() : close + tag;
    }

    /** The length of the {@code $tag$} opening at {@code start}, or 0 if none opens there. */
    private static int dollarTagLength(String sql, int start) {
        int tagEnd = start + 1;
        while (tagEnd < sql.length()
                && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')
                && !Character.isDigit(sql.charAt(start + 1))) {
            tagEnd++;
        }
        return tagEnd < sql.length() && sql.charAt(tagEnd) == '$' ? tagEnd + 1 - start : 0;
    }
}
