package dev.orez.replication.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordTextTest {
    @Test
    void typicalRowText() {
        String literal =
                "(1,\"{x,\"\"y z\"\",NULL}\",\"2026-11-21 09:25:58.751+00\",\"{\"\"k\"\": [1, 2]}\",1.50,,\"\")";

        assertEquals(
                Arrays.asList(
                        "1", "{x,\"y z\",NULL}", "2026-11-21 09:25:58.751+00", "{\"k\": [1, 2]}", "1.50", null, ""),
                RecordText.fields(literal));
    }

    @Test
    void doubledQuotes() {
        assertEquals(List.of("a \"quoted\" word", "\""), RecordText.fields("(\"a \"\"quoted\"\" word\",\"\"\"\")"));
    }

    @Test
    void backslashesInQuotedAndUnquotedFields() {
        assertEquals(List.of("C:\\path", "a\"b"), RecordText.fields("(\"C:\\\\path\",\"a\\\"b\")"));
        assertEquals(List.of("a,b", "x)y"), RecordText.fields("(a\\,b,x\\)y)"));
    }

    @Test
    void delimitersInsideQuotes() {
        assertEquals(List.of("a,b", "(c)", ")", ","), RecordText.fields("(\"a,b\",\"(c)\",\")\",\",\")"));
    }

    @Test
    void quotesMayCoverPartOfAField() {
        assertEquals(List.of("abc,de"), RecordText.fields("(ab\"c,d\"e)"));
    }

    @Test
    void nestedRecord() {
        List<String> outer = RecordText.fields("(1,\"(2,\"\"x y\"\")\")");

        assertEquals(List.of("1", "(2,\"x y\")"), outer);
        assertEquals(List.of("2", "x y"), RecordText.fields(outer.get(1)));
    }

    @Test
    void unicode() {
        assertEquals(List.of("é", "😀 x", "日本"), RecordText.fields("(é,\"😀 x\",日本)"));
    }

    @Test
    void singleField() {
        assertEquals(List.of("42"), RecordText.fields("(42)"));
    }

    @Test
    void emptyStringIsNotNull() {
        assertEquals(List.of(""), RecordText.fields("(\"\")"));
    }

    @Test
    void emptyParenthesesAreZeroColumns() {
        assertTrue(RecordText.fields("()").isEmpty());
    }

    @Test
    void emptyUnquotedFieldsAreNull() {
        assertEquals(Arrays.asList(null, null), RecordText.fields("(,)"));
        assertEquals(Arrays.asList("a", null), RecordText.fields("(a,)"));
        assertEquals(Arrays.asList(null, "", null), RecordText.fields("(,\"\",)"));
    }

    @Test
    void whitespaceIsKeptInsideButSkippedOutside() {
        assertEquals(List.of(" a ", " b "), RecordText.fields(" \t( a , b )\n "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1,2", "(1,2", "(\"abc)", "(1)x", "(1))", "(a\\", "(", "[1,2]"})
    void malformedInputThrows(String literal) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordText.fields(literal));
        assertTrue(e.getMessage().startsWith("malformed record literal"), e.getMessage());
    }
}
