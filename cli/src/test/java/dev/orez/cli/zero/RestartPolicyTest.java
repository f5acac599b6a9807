package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    @Test
    void theDefaultDelayDoublesFromOneSecondUpToThirty() {
        List<Long> seconds = IntStream.range(0, 8)
                .mapToObj(i -> RestartPolicy.DEFAULT.delayAfter(i).toSeconds())
                .toList();

        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), seconds);
    }

    @Test
    void manyRestartsInARowDoNotOverflow() {
        assertEquals(Duration.ofSeconds(30), RestartPolicy.DEFAULT.delayAfter(Integer.MAX_VALUE));
    }

    @Test
    void delaysAreDescribedAsAPersonReadsThem() {
        assertEquals("1s", Durations.describe(Duration.ofSeconds(1)));
        assertEquals("30s", Durations.describe(Duration.ofSeconds(30)));
        assertEquals("250ms", Durations.describe(Duration.ofMillis(250)));
        assertEquals("5min", Durations.describe(Duration.ofMinutes(5)));
    }
}
