package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeVersionTest {
    private static NodeVersion version(String output) {
        return NodeVersion.parse(output).orElseThrow();
    }

    @Test
    void readsNodeVersionOutputWithItsTrailingNewline() {
        assertEquals(new NodeVersion(22, 23, 3), version("v22.23.3\n"));
    }

    @Test
    void readsNightlyAndReleaseCandidateBuilds() {
        assertEquals(new NodeVersion(23, 0, 0), version("v23.0.0-nightly20240501abcdef"));
        assertEquals(new NodeVersion(24, 0, 0), version("v24.0.0-rc.1"));
    }

    @Test
    void outputThatIsNoVersionGivesNothing() {
        assertEquals(Optional.empty(), NodeVersion.parse(""));
        assertEquals(Optional.empty(), NodeVersion.parse("bash: node: command not found"));
        assertEquals(Optional.empty(), NodeVersion.parse("v22.1"));
    }

    @Test
    void node22AndNewerCanRunZeroCache() {
        assertTrue(version("v22.0.0").canRunZeroCache());
        assertTrue(version("v22.23.3").canRunZeroCache());
        assertTrue(version("v100.0.0").canRunZeroCache());
        assertFalse(version("v20.20.2").canRunZeroCache());
        assertFalse(version("v21.99.99").canRunZeroCache());
    }

    @Test
    void comparesNumbersNotText() {
        assertTrue(version("v22.10.0").compareTo(version("v22.9.0")) > 0);
        assertTrue(version("v22.9.10").compareTo(version("v22.9.9")) > 0);
        assertEquals(0, version("v22.1.2").compareTo(version("22.1.2")));
    }

    @Test
    void printsLikeNodeDoes() {
        assertEquals("v22.23.3", new NodeVersion(22, 23, 3).toString());
    }
}
