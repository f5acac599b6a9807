package dev.orez.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class HeapRelaunchTest {
    @Test
    void halfTheMemoryAtLeastFourGibButNeverMostOfASmallMachine() {
        assertEquals(12288, HeapRelaunch.heapMib(24576));
        assertEquals(4096, HeapRelaunch.heapMib(8192));
        assertEquals(3072, HeapRelaunch.heapMib(4096));
    }

    @Test
    void aJvmThatIsNotRunningTheJarIsNeverRelaunched() {
        // surefire runs tests from a class path, as an IDE or an embedding application would
        assertFalse(HeapRelaunch.needed());
    }
}
