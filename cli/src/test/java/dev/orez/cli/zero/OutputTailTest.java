package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTailTest {
    @Test
    void keepsTheLastEightyLines() {
        OutputTail tail = new OutputTail();
        for (int i = 1; i <= 100; i++) {
            tail.add("line " + i);
        }

        List<String> kept = tail.last(1000);

        assertEquals(80, kept.size());
        assertEquals("line 21", kept.get(0));
        assertEquals("line 100", kept.get(79));
    }

    @Test
    void givesTheMostRecentLinesOldestFirst() {
        OutputTail tail = new OutputTail();
        tail.add("a");
        tail.add("b");
        tail.add("c");

        assertEquals(List.of("b", "c"), tail.last(2));
        assertEquals(List.of(), new OutputTail().last(20));
    }
}
