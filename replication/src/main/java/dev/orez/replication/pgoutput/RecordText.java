package dev.orez.replication.pgoutput;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL's text form of a composite value ({@code SELECT t::text FROM t}) into its fields' text, which
 * is exactly what pgoutput's TupleData carries. Follows {@code record_in}: the value is {@code (f1,f2,...)}; an
 * empty unquoted field is NULL; double quotes may enclose any part of a field, and inside them {@code ""} stands
 * for one quote; a backslash takes the next character literally, quoted or not. Whitespace is allowed before the
 * opening and after the closing parenthesis and is otherwise part of the field.
 *
 * <p>{@code ()} is a record with no columns, the only thing {@code record_out} writes that way; a single NULL
 * column is ambiguous with it, so callers must know their column count when that matters.
 */
public final class RecordText {
    private RecordText() {}

    public static List<String> fields(String literal) {
        return new Parser(literal).record();
    }

    /** One pass over one literal; {@code pos} always points at the next unread character. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        List<String> record() {
            skipWhitespace();
            expect('(');
            List<String> fields = new ArrayList<>();
            if (peek() == ')') {
                pos++;
            } else {
                // field() returns only in front of a ',' or ')' outside quotes.
                do {
                    fields.add(field());
                } while (next("',' or ')'") == ',');
            }
            skipWhitespace();
            if (pos < text.length()) {
                throw malformed("junk after right parenthesis");
            }
            return fields;
        }

        /** Reads up to, not including, the ',' or ')' that ends the field; null when the field is empty. */
        private String field() {
            if (peek() == ',' || peek() == ')') {
                return null;
            }
            StringBuilder value = new StringBuilder();
            boolean quoted = false;
            while (true) {
                char ch = next(quoted ? "closing '\"'" : "',' or ')'");
                if (!quoted && (ch == ',' || ch == ')')) {
                    pos--;
                    return value.toString();
                }
                if (ch == '\\') {
                    value.append(next("a character after '\\'"));
                } else if (ch != '"') {
                    value.append(ch);
                } else if (!quoted) {
                    quoted = true;
                } else if (peek() == '"') {
                    value.append('"');
                    pos++;
                } else {
                    quoted = false;
                }
            }
        }

        private void expect(char wanted) {
            if (next("'" + wanted + "'") != wanted) {
                pos--;
                throw malformed("expected '" + wanted + "'");
            }
        }

        private char next(String wanted) {
            if (pos >= text.length()) {
                throw malformed("unexpected end of input, expected " + wanted);
            }
            return text.charAt(pos++);
        }

        /** The next character, or NUL at the end, which no caller mistakes for a delimiter. */
        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipWhitespace() {
            while (pos < text.length() && isSpace(text.charAt(pos))) {
                pos++;
            }
        }

        /** The characters C's isspace() accepts, which is what record_in skips. */
        private static boolean isSpace(char ch) {
            return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\u000B';
        }

        private IllegalArgumentException malformed(String problem) {
            return new IllegalArgumentException(
                    "malformed record literal at offset " + pos + ": " + problem + ": " + text);
        }
    }
}
