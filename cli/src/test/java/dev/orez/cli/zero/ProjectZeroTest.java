package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project that has {@code @rocicorp/zero} in its node_modules runs that one; nothing is downloaded. */
class ProjectZeroTest {
    @TempDir
    Path root;

    private final List<String> progress = new ArrayList<>();

    private ZeroCacheCommand locate(Path projectDir, Map<String, String> env) throws IOException {
        Path cacheDir = root.resolve("cache");
        return new ZeroCacheLocator(env::get, root.resolve("home").toString(), projectDir, cacheDir, progress::add)
                .locate();
    }

    @Test
    void zeroIsFoundInTheNodeModulesOfAParentFolder() throws IOException {
        Path zero = StandIns.zeroPackage(root, "1.9.0");
        Path project = Files.createDirectories(root.resolve("apps/web/src"));

        assertEquals(Optional.of(zero), NodeModules.find(project, "@rocicorp/zero"));
    }

    @Test
    void theNearestNodeModulesWins() throws IOException {
        StandIns.zeroPackage(root, "1.8.0");
        Path inner = StandIns.zeroPackage(root.resolve("apps/web"), "1.9.0");

        assertEquals(Optional.of(inner), NodeModules.find(root.resolve("apps/web"), "@rocicorp/zero"));
    }

    @Test
    void aFolderNamedNodeModulesIsNotSearchedForANestedOne() throws IOException {
        Path outer = StandIns.zeroPackage(root, "1.9.0");
        // node_modules/node_modules/@rocicorp/zero: Node never looks there, so neither does orez.
        StandIns.zeroPackage(root.resolve("node_modules"), "0.0.1");

        assertEquals(Optional.of(outer), NodeModules.find(root.resolve("node_modules/some-pkg"), "@rocicorp/zero"));
    }

    @Test
    void noAncestorWithZeroFindsNothing() throws IOException {
        Path project = Files.createDirectories(root.resolve("project"));

        assertEquals(Optional.empty(), NodeModules.find(project, "@rocicorp/zero"));
    }

    @Test
    void theCliIsTheZeroCacheBinOfTheInstalledPackage() throws IOException {
        Path zero = StandIns.zeroPackage(root, "1.9.0");
        Path node = StandIns.nodePrinting(root.resolve("bin"), "v22.5.0");
        Path project = Files.createDirectories(root.resolve("apps/web"));

        ZeroCacheCommand command = locate(project, Map.of("OREZ_NODE", node.toString(), "PATH", ""));

        assertEquals(node, command.node());
        assertEquals(zero.resolve(StandIns.ZERO_CLI), command.cliJs());
        assertEquals("project node_modules (@rocicorp/zero 1.9.0 in " + zero + ")", command.source());
        assertTrue(Files.notExists(root.resolve("cache")), "nothing was provisioned");
    }

    @Test
    void aNewEnoughNodeOnPathIsUsed() throws IOException {
        StandIns.zeroPackage(root, "1.9.0");
        Path oldNode = StandIns.nodePrinting(root.resolve("old"), "v20.20.2");
        Path newNode = StandIns.nodePrinting(root.resolve("new"), "v24.1.0");

        ZeroCacheCommand first = locate(root, Map.of("PATH", newNode.getParent() + ":" + oldNode.getParent()));

        assertEquals(newNode, first.node());
    }

    @Test
    void anOrezNodeThatIsTooOldIsAnErrorNotSilentlyReplaced() throws IOException {
        StandIns.zeroPackage(root, "1.9.0");
        Path node = StandIns.nodePrinting(root.resolve("bin"), "v20.1.0");

        IOException failure = assertThrows(IOException.class, () -> locate(root, Map.of("OREZ_NODE", node.toString())));

        assertEquals("OREZ_NODE=" + node + " is Node v20.1.0; zero-cache needs Node 22 or newer", failure.getMessage());
    }

    @Test
    void aSingleStringBinIsTheCommandNamedAfterThePackage() throws IOException {
        Path pkg = Files.createDirectories(root.resolve("node_modules/@scope/tool"));
        Files.writeString(pkg.resolve("package.json"), "{\"name\": \"@scope/tool\", \"bin\": \"cli.js\"}");
        Files.writeString(pkg.resolve("cli.js"), "");

        assertEquals(pkg.resolve("cli.js"), PackageJson.read(pkg).bin("tool"));
        assertThrows(IOException.class, () -> PackageJson.read(pkg).bin("zero-cache"));
    }

    @Test
    void aBinPointingOutsideThePackageIsRefused() throws IOException {
        Path pkg = Files.createDirectories(root.resolve("node_modules/@rocicorp/zero"));
        Files.writeString(root.resolve("evil.js"), "");
        Files.writeString(
                pkg.resolve("package.json"),
                "{\"name\": \"@rocicorp/zero\", \"bin\": {\"zero-cache\": \"../../../evil.js\"}}");

        IOException failure =
                assertThrows(IOException.class, () -> PackageJson.read(pkg).bin("zero-cache"));

        assertTrue(failure.getMessage().contains("points outside the package"), failure.getMessage());
    }
}
