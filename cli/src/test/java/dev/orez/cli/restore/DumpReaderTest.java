package dev.orez.cli.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DumpReaderTest {
    /** Each item as text: "line: sql", "line: \meta", "line: COPY table", then "line: row" per data line. */
    private static List<String> items(String dump) {
        return items(dump, Long.MAX_VALUE);
    }

    private static List<String> items(String dump, long maxRowBytes) {
        DumpReader reader = new DumpReader(new StringReader(dump), maxRowBytes);
        List<String> items = new ArrayList<>();
        for (DumpItem item = reader.next(); item != null; item = reader.next()) {
            if (item instanceof DumpItem.Statement statement) {
                items.add(statement.line() + ": " + statement.sql());
            } else if (item instanceof DumpItem.MetaCommand meta) {
                items.add(meta.line() + ": " + meta.text());
            } else if (item instanceof CopyBlock block) {
                items.add(block.line() + ": COPY " + block.statement().table());
                for (CopyRow row = block.nextRow(); row != null; row = block.nextRow()) {
                    items.add(row.line() + ": " + (row.oversized() ? "<" + row.utf8Bytes() + " bytes>" : row.text()));
                }
            }
        }
        return items;
    }

    @Test
    void statementsEndAtSemicolonsNotAtLineEndsAndLeaveLeadingCommentsOut() {
        assertEquals(
                List.of("4: SELECT 1", "4: SELECT\n  2", "6: SELECT 3"),
                items("--\n-- Name: x\n--\nSELECT 1; SELECT\n  2;\n/* a; b */ SELECT 3;\n"));
    }

    @Test
    void dollarQuotesWithTagsHideSemicolonsAndOtherTags() {
        String function = "CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $outer$\n"
                + "BEGIN\n  RETURN $inner$it's; $$ not the end$inner$ || $$;$$;\nEND;\n$outer$";
        assertEquals(List.of("1: " + function, "6: SELECT 2"), items(function + ";\nSELECT 2;"));
    }

    @Test
    void aDollarFollowedByADigitIsAParameterNotAQuote() {
        String function = "CREATE FUNCTION add(int, int) RETURNS int LANGUAGE sql AS $$SELECT $1 + $2$$";
        assertEquals(
                List.of("1: " + function, "1: SELECT $1", "1: SELECT a$b$c"),
                items(function + "; SELECT $1; SELECT a$b$c;"));
    }

    @Test
    void stringsWithEscapesAndQuotedIdentifiersHideSemicolons() {
        assertEquals(
                List.of(
                        "1: INSERT INTO t VALUES (E'it\\'s; \\\\', 'say ''hi;''')",
                        "2: CREATE TABLE \"odd;\"\"name\" (\"col;\" int)",
                        "3: SELECT e'\\\\'"),
                items("INSERT INTO t VALUES (E'it\\'s; \\\\', 'say ''hi;''');\n"
                        + "CREATE TABLE \"odd;\"\"name\" (\"col;\" int);\nSELECT e'\\\\';"));
    }

    @Test
    void commentsInsideAStatementKeepTheirQuotesAndSemicolonsToThemselves() {
        assertEquals(
                List.of("1: SELECT 1 -- it's; done\n  + /* nested /* ; ' */ still; */ 2", "3: SELECT 3"),
                items("SELECT 1 -- it's; done\n  + /* nested /* ; ' */ still; */ 2;\nSELECT 3;"));
    }

    @Test
    void aBackslashLineWhereAStatementWouldStartIsAMetaCommandOfItsOwn() {
        assertEquals(
                List.of("1: \\restrict AbC123", "3: SET statement_timeout = 0", "4: \\unrestrict AbC123"),
                items("\\restrict AbC123\n\nSET statement_timeout = 0;\n\\unrestrict AbC123\n"));
    }

    @Test
    void copyDataRunsToTheBackslashDotLineWithCrLfTolerated() {
        assertEquals(
                List.of("1: COPY public.\"T\"", "2: 1\ta;b\t\\N", "3: 2\tit's\t\\\\.", "5: SELECT 1"),
                items("COPY public.\"T\" (id, name, note) FROM stdin;\r\n1\ta;b\t\\N\r\n2\tit's\t\\\\.\r\n\\.\r\n"
                        + "SELECT 1;"));
    }

    @Test
    void unreadCopyRowsAreSkippedWhenTheReaderMovesOn() {
        DumpReader reader = new DumpReader(new StringReader("COPY t FROM stdin;\n1\n2\n\\.\nSELECT 2;\n"), 100);
        assertTrue(reader.next() instanceof CopyBlock);
        assertEquals(new DumpItem.Statement("SELECT 2", 5), reader.next());
    }

    @Test
    void aMissingEndOfDataLineIsAnErrorNamingTheTableAndLine() {
        DumpFormatException e = assertThrows(
                DumpFormatException.class, () -> items("SELECT 1;\nCOPY shop.items (id) FROM stdin;\n1\n2\n"));
        assertTrue(e.getMessage().contains("COPY shop.items (line 2)"), e.getMessage());
    }

    @Test
    void aRowOverTheLimitIsReportedWithItsSizeNotKept() {
        String wide = "x".repeat(100);
        assertEquals(
                List.of("1: COPY t", "2: short", "3: <100 bytes>", "4: é"),
                items("COPY t FROM stdin;\nshort\n" + wide + "\né\n\\.\n", 50));
        assertEquals(List.of("1: COPY t", "2: <4 bytes>"), items("COPY t FROM stdin;\néé\n\\.\n", 3));
    }

    @Test
    void textAfterTheLastSemicolonIsAFinalStatement() {
        assertEquals(List.of("1: SELECT 1", "2: SELECT 2"), items("SELECT 1;\nSELECT 2\n\n"));
        assertEquals(List.of(), items("\n-- only a comment\n"));
    }

    @Test
    void copyWithOptionsOrFromAFileIsNotSplitOrNotACopyBlock() {
        assertEquals(new CopyStatement("COPY t FROM stdin", "t", true), CopyStatement.parse("COPY t FROM stdin"));
        assertEquals(
                false,
                CopyStatement.parse("COPY t (a) FROM STDIN WITH (FORMAT csv)").linesAreRows());
        assertEquals(null, CopyStatement.parse("COPY t FROM '/tmp/t.csv'"));
        assertEquals(null, CopyStatement.parse("COPY (SELECT 1) TO stdout"));
        assertEquals(
                "s.\"My Table\"",
                CopyStatement.parse("copy s.\"My Table\" (\"a(\", b) from stdin")
                        .table());
    }

    @Test
    void bytesReadCountUtf8() {
        DumpReader reader = new DumpReader(new StringReader("SELECT 'é€😀';"), 10);
        reader.next();
        assertEquals("SELECT 'é€😀';".getBytes(java.nio.charset.StandardCharsets.UTF_8).length, reader.bytesRead());
    }
}
