package dev.orez.cli.zero;

import dev.orez.wasm.build.NpmPackage;
import dev.orez.wasm.build.NpmRegistry;
import dev.orez.wasm.build.TarballCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Finds zero-cache and a Node.js to run it, provisioning what the machine lacks, so orez needs nothing but Java.
 *
 * <ul>
 *   <li>zero-cache: the project's own {@code node_modules/@rocicorp/zero} (searched upwards from the project directory,
 *       as Node resolves packages); otherwise the pinned {@code @rocicorp/zero@1.9.0}, installed once into
 *       {@code <cacheDir>/zero-1.9.0/} by {@code npm ci} from a lockfile shipped with orez.
 *   <li>Node 22+: {@code $OREZ_NODE}, else {@code node} on PATH if new enough, else the pinned Node 22 from the npm
 *       registry, unpacked once into {@code <cacheDir>/node-22.23.3/}.
 *   <li>npm, only to install zero-cache into the cache: always the pinned npm 10 from the registry, unpacked into
 *       {@code <cacheDir>/npm-10.9.9/}, even if the machine has one: an old or odd npm on PATH would make the
 *       install depend on the machine, and npm is a small download next to zero-cache's dependencies.
 * </ul>
 *
 * Downloads come from the registry npm itself would use ({@code npm_config_registry}, .npmrc) and are verified against
 * pinned integrities. Changes to the cache happen under a {@link ProvisionLock}; once everything is cached, locating
 * makes no network request at all.
 */
public final class ZeroCacheLocator {
    static final String CACHE_DIR_VARIABLE = "OREZ_CACHE_DIR";

    private final Function<String, String> env;
    private final String userHome;
    private final Path projectDir;
    private final Path cacheDir;
    private final Consumer<String> progress;
    private TarballCache tarballs;

    ZeroCacheLocator(
            Function<String, String> env, String userHome, Path projectDir, Path cacheDir, Consumer<String> progress) {
        this.env = env;
        this.userHome = userHome;
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.progress = progress;
    }

    /**
     * How to run zero-cache for the project in {@code projectDir}, downloading and installing into {@code cacheDir}
     * whatever is missing (the first time takes minutes); {@code progress} receives human-readable lines meanwhile.
     */
    public static ZeroCacheCommand locate(Path projectDir, Path cacheDir, Consumer<String> progress)
            throws IOException {
        return new ZeroCacheLocator(System::getenv, System.getProperty("user.home"), projectDir, cacheDir, progress)
                .locate();
    }

    /** orez's cache: {@code $OREZ_CACHE_DIR}, else {@code $XDG_CACHE_HOME/orez}, else {@code ~/.cache/orez}. */
    public static Path defaultCacheDir() {
        return defaultCacheDir(System::getenv, System.getProperty("user.home"));
    }

    static Path defaultCacheDir(Function<String, String> env, String userHome) {
        String explicit = env.apply(CACHE_DIR_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit.strip()).toAbsolutePath();
        }
        // The XDG spec says to ignore a relative value.
        String xdg = env.apply("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg.strip()).isAbsolute()) {
            return Path.of(xdg.strip(), "orez");
        }
        return Path.of(userHome, ".cache", "orez");
    }

    ZeroCacheCommand locate() throws IOException {
        Optional<Path> systemNode = SystemNode.find(env, progress).map(NodeExecutable::path);
        Optional<Path> projectZero = NodeModules.find(projectDir, PinnedDownloads.ZERO_PACKAGE);
        if (projectZero.isPresent()) {
            PackageJson zero = PackageJson.read(projectZero.get());
            Path cli = zero.bin(PinnedDownloads.ZERO_CACHE_BIN);
            Path node = systemNode.isPresent() ? systemNode.get() : cachedNode();
            String where = zero.name() + " " + zero.version() + " in " + forDisplay(projectZero.get());
            return new ZeroCacheCommand(node, cli, "project node_modules (" + where + ")");
        }
        CachedZeroInstall zeroInstall = new CachedZeroInstall(cacheDir);
        Optional<Path> node = systemNode.isPresent() ? systemNode : existingCachedNode();
        Optional<Path> cli = zeroInstall.completedCli();
        if (node.isPresent() && cli.isPresent()) {
            return fromCache(node.get(), cli.get(), zeroInstall);
        }
        try (ProvisionLock lock = ProvisionLock.acquire(cacheDir, progress)) {
            Path lockedNode = systemNode.isPresent() ? systemNode.get() : provisionNode();
            // Another orez may have finished the install while this one waited for the lock.
            Optional<Path> lockedCli = zeroInstall.completedCli();
            Path installedCli = lockedCli.isPresent() ? lockedCli.get() : installZero(zeroInstall, lockedNode);
            return fromCache(lockedNode, installedCli, zeroInstall);
        }
    }

    private ZeroCacheCommand fromCache(Path node, Path cli, CachedZeroInstall zeroInstall) {
        return new ZeroCacheCommand(node, cli, "cache " + forDisplay(zeroInstall.directory()));
    }

    private Path cachedNode() throws IOException {
        Optional<Path> existing = existingCachedNode();
        if (existing.isPresent()) {
            return existing.get();
        }
        try (ProvisionLock lock = ProvisionLock.acquire(cacheDir, progress)) {
            return provisionNode();
        }
    }

    private Optional<Path> existingCachedNode() {
        Optional<NpmPackage> nodePackage = NodePlatform.current().flatMap(PinnedDownloads::node);
        if (nodePackage.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> directory = unpackedNode(nodePackage.get()).existing();
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(nodeIn(directory.get()));
        } catch (IOException e) {
            // Damaged by hand; provisionNode, under the lock, reports it with the path to remove.
            return Optional.empty();
        }
    }

    /** Call only while holding the {@link ProvisionLock}. */
    private Path provisionNode() throws IOException {
        NodePlatform platform = NodePlatform.current()
                .orElseThrow(() -> new IOException("zero-cache needs Node.js " + NodeVersion.MINIMUM.major()
                        + " or newer, and orez cannot download it for " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + ": install Node.js " + NodeVersion.MINIMUM.major()
                        + "+ and put it on PATH, or point " + SystemNode.OREZ_NODE + " at it"));
        NpmPackage nodePackage = PinnedDownloads.node(platform)
                .orElseThrow(() -> new IllegalStateException("no Node pinned for " + platform.packageName()));
        if (platform.translated()) {
            progress.accept("no Node " + PinnedDownloads.NODE_VERSION + " is published for Apple silicon;"
                    + " using the Intel build, which runs through Rosetta 2");
        }
        UnpackedPackage unpacked = unpackedNode(nodePackage);
        try {
            return nodeIn(
                    unpacked.provision(tarballs(), directory -> checkRuns(nodeIn(directory), platform), progress));
        } catch (IOException e) {
            throw new IOException(
                    "zero-cache needs Node.js " + NodeVersion.MINIMUM.major() + " or newer, none was found (install"
                            + " one, or set " + SystemNode.OREZ_NODE + "), and orez could not provision " + nodePackage
                            + ": " + e.getMessage() + "\n" + worksOfflineOnceCached(),
                    e);
        }
    }

    private UnpackedPackage unpackedNode(NpmPackage nodePackage) {
        return new UnpackedPackage(nodePackage, cacheDir, "node-" + nodePackage.version());
    }

    private static Path nodeIn(Path nodeDir) throws IOException {
        return PackageJson.read(nodeDir).bin("node");
    }

    /** Before a downloaded node is cached: that it starts here (glibc, not musl; Rosetta present on a Mac). */
    private static void checkRuns(Path node, NodePlatform platform) throws IOException {
        try {
            NodeExecutable.probe(node);
        } catch (IOException e) {
            throw new IOException(
                    "the downloaded node does not run on this machine (" + e.getMessage() + ")"
                            + (platform.translated() ? "; install Rosetta 2 (softwareupdate --install-rosetta)" : ""),
                    e);
        }
    }

    /** Call only while holding the {@link ProvisionLock}. */
    private Path installZero(CachedZeroInstall zeroInstall, Path node) throws IOException {
        long started = System.nanoTime();
        try {
            Path npmDir = new UnpackedPackage(PinnedDownloads.NPM, cacheDir, "npm-" + PinnedDownloads.NPM.version())
                    .provision(
                            tarballs(), directory -> PackageJson.read(directory).bin("npm"), progress);
            NpmProcess npm = new NpmProcess(node, PackageJson.read(npmDir).bin("npm"));
            Path cli = zeroInstall.install(npm, registry().baseUrl(), progress);
            progress.accept("zero-cache " + PinnedDownloads.ZERO_VERSION + " is installed in "
                    + forDisplay(zeroInstall.directory()) + " (took "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s)");
            return cli;
        } catch (IOException e) {
            throw new IOException(
                    "could not install zero-cache (" + PinnedDownloads.ZERO_PACKAGE + "@" + PinnedDownloads.ZERO_VERSION
                            + ") into " + zeroInstall.directory() + ": " + e.getMessage() + "\n"
                            + worksOfflineOnceCached(),
                    e);
        }
    }

    private String worksOfflineOnceCached() throws IOException {
        return "Downloading needs the npm registry (" + registry().baseUrl() + ") once: orez keeps what it downloads"
                + " in " + cacheDir + " and works offline after that.";
    }

    /** The verified tarball cache, in the directory the build also keeps its npm tarballs in. */
    private TarballCache tarballs() throws IOException {
        if (tarballs == null) {
            tarballs = new TarballCache(cacheDir.resolve("npm"), registry(), progress);
        }
        return tarballs;
    }

    /** The registry npm would use in the project: environment, the project's .npmrc, the user's .npmrc. */
    private NpmRegistry registry() throws IOException {
        return NpmRegistry.fromNpmConfig(env, projectDir.resolve(".npmrc"), Path.of(userHome, ".npmrc"));
    }

    /** The path with the home directory shortened to {@code ~}, as users write it. */
    private String forDisplay(Path path) {
        Path home = Path.of(userHome).toAbsolutePath().normalize();
        return path.startsWith(home) && !path.equals(home) ? "~/" + home.relativize(path) : path.toString();
    }
}
