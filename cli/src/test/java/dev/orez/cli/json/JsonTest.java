package dev.orez.cli.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsNestedObjectsInDocumentOrder() {
        Object parsed = Json.parse(
                "{ \"name\": \"@rocicorp/zero\", \"bin\": {\"b\": \"./b.js\", \"a\": \"./a.js\"}, \"n\": [1, -2.5e3] }");

        Map<?, ?> object = (Map<?, ?>) parsed;
        assertEquals("@rocicorp/zero", object.get("name"));
        assertEquals(List.of("b", "a"), List.copyOf(((Map<?, ?>) object.get("bin")).keySet()));
        assertEquals(List.of(new BigDecimal("1"), new BigDecimal("-2.5e3")), object.get("n"));
    }

    @Test
    void readsEscapesAndLiterals() {
        assertEquals("a\"b\\c/d\n\u00e9", Json.parse("\"a\\\"b\\\\c\\/d\\n\\u00e9\""));
        assertEquals(List.of(true, false), Json.parse("[true,false]"));
        assertSame(Json.NULL, Json.parse(" null "));
    }

    @Test
    void rejectsWhatIsNotJson() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1,}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{'a': 1}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[01]"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"open"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} {}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse(""));
    }
}
