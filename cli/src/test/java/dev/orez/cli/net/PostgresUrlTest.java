package dev.orez.cli.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {
    @Test
    void unreservedCharactersAreLeftAlone() {
        assertEquals("Az09-._~", PostgresUrl.percentEncode("Az09-._~"));
    }

    @Test
    void credentialsAreEscapedAndTheHostIsLoopback() {
        assertEquals(
                "postgresql://us%40er:p%3Aw%2Fd%20x@127.0.0.1:6434/zero_cvr",
                PostgresUrl.of("us@er", "p:w/d x", 6434, "zero_cvr"));
    }
}
