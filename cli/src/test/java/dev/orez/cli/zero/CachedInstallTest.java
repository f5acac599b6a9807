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

/** What counts as a usable zero-cache in orez's cache, and what orez says when it cannot provision one offline. */
class CachedInstallTest {
    // Nothing listens on port 9 (discard): every download fails at once, as with no network.
    private static final String UNREACHABLE_REGISTRY = "http://127.0.0.1:9/";

    @TempDir
    Path root;

    private final List<String> progress = new ArrayList<>();

    private Path cacheDir() {
        return root.resolve("cache");
    }

    /** Every file of an install, as npm ci leaves it, but not the marker. */
    private CachedZeroInstall installWithoutMarker() throws IOException {
        CachedZeroInstall install = new CachedZeroInstall(cacheDir());
        StandIns.zeroPackage(install.directory(), PinnedDownloads.ZERO_VERSION);
        return install;
    }

    private ZeroCacheCommand locate(Map<String, String> env) throws IOException {
        Path project = Files.createDirectories(root.resolve("project"));
        return new ZeroCacheLocator(env::get, root.resolve("home").toString(), project, cacheDir(), progress::add)
                .locate();
    }

    @Test
    void aFinishedInstallIsRecognisedByItsMarker() throws IOException {
        CachedZeroInstall install = installWithoutMarker();
        Files.writeString(install.directory().resolve(CachedZeroInstall.MARKER), CachedZeroInstall.lockfileDigest());

        assertEquals(
                Optional.of(install.directory().resolve("node_modules/@rocicorp/zero/" + StandIns.ZERO_CLI)),
                install.completedCli());
    }

    @Test
    void anInstallKilledBeforeItsMarkerIsNotUsed() throws IOException {
        CachedZeroInstall install = installWithoutMarker();

        assertEquals(Optional.empty(), install.completedCli());
    }

    @Test
    void anInstallOfAnotherLockfileIsNotUsed() throws IOException {
        CachedZeroInstall install = installWithoutMarker();
        Files.writeString(install.directory().resolve(CachedZeroInstall.MARKER), "0123abcd\n");

        assertEquals(Optional.empty(), install.completedCli());
    }

    @Test
    void aMarkedInstallWhoseFilesWereDeletedIsNotUsed() throws IOException {
        CachedZeroInstall install = installWithoutMarker();
        Files.writeString(install.directory().resolve(CachedZeroInstall.MARKER), CachedZeroInstall.lockfileDigest());
        Files.delete(install.directory().resolve("node_modules/@rocicorp/zero/" + StandIns.ZERO_CLI));

        assertEquals(Optional.empty(), install.completedCli());
    }

    @Test
    void locateReinstallsAHalfFinishedInstallAndOfflineSaysWhatItCouldNotDownload() throws IOException {
        installWithoutMarker();
        Path node = StandIns.nodePrinting(root.resolve("bin"), "v22.23.3");

        IOException failure = assertThrows(
                IOException.class,
                () -> locate(Map.of("OREZ_NODE", node.toString(), "npm_config_registry", UNREACHABLE_REGISTRY)));

        String message = failure.getMessage();
        assertTrue(message.startsWith("could not install zero-cache (@rocicorp/zero@1.9.0)"), message);
        assertTrue(message.contains("npm@" + PinnedDownloads.NPM.version()), message);
        assertTrue(message.contains(UNREACHABLE_REGISTRY), message);
        assertTrue(message.contains("works offline after that"), message);
    }

    @Test
    void offlineWithoutAnyNodeSaysThatNodeCouldNotBeDownloaded() {
        String nodePackage =
                NodePlatform.current().map(NodePlatform::packageName).orElse("(no Node download for this platform)");

        IOException failure = assertThrows(
                IOException.class, () -> locate(Map.of("PATH", "", "npm_config_registry", UNREACHABLE_REGISTRY)));

        String message = failure.getMessage();
        assertTrue(message.startsWith("zero-cache needs Node.js 22 or newer"), message);
        if (NodePlatform.current().isPresent()) {
            assertTrue(message.contains(nodePackage + "@" + PinnedDownloads.NODE_VERSION), message);
            assertTrue(message.contains(UNREACHABLE_REGISTRY), message);
            assertTrue(message.contains("works offline after that"), message);
        }
        assertTrue(progress.contains("no node on PATH"), progress.toString());
    }
}
