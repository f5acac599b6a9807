package dev.orez.cli.zero;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The pinned zero-cache installed into orez's cache, {@code <cacheDir>/zero-1.9.0/}, by {@code npm ci} from the
 * package.json and package-lock.json shipped beside this class.
 *
 * <p>npm installs in place, so unlike an unpacked tarball the directory exists long before it is usable. A marker
 * file written last says the install finished; it holds the digest of the lockfile installed, so an orez shipping
 * another lockfile reinstalls. Without a matching marker the directory is deleted and installed again, never used.
 */
final class CachedZeroInstall {
    static final String MARKER = ".orez-install-complete";
    private static final String PACKAGE_JSON = "package.json";
    private static final String LOCKFILE = "package-lock.json";

    private final Path directory;

    CachedZeroInstall(Path cacheDir) {
        this.directory = cacheDir.resolve("zero-" + PinnedDownloads.ZERO_VERSION);
    }

    Path directory() {
        return directory;
    }

    /**
     * zero-cache's entry script, if a finished install of the shipped lockfile is here. Needs no lock: the marker only
     * appears after the install, and only an install without it is ever removed.
     */
    Optional<Path> completedCli() {
        try {
            Path marker = directory.resolve(MARKER);
            if (!Files.isRegularFile(marker)
                    || !Files.readString(marker, StandardCharsets.UTF_8).strip().equals(lockfileDigest())) {
                return Optional.empty();
            }
            return Optional.of(cliIn(directory));
        } catch (IOException e) {
            // Damaged after it finished (files deleted by hand, say): reinstalling repairs it.
            return Optional.empty();
        }
    }

    /**
     * Installs from scratch with {@code npm ci} (which verifies every tarball against the lockfile's integrity) and
     * returns the entry script; call only while holding the {@link ProvisionLock}.
     */
    Path install(NpmProcess npm, String registryUrl, Consumer<String> progress) throws IOException {
        DirectoryTrees.delete(directory);
        Files.createDirectories(directory);
        copyResource(PACKAGE_JSON);
        copyResource(LOCKFILE);
        progress.accept("installing " + PinnedDownloads.ZERO_PACKAGE + "@" + PinnedDownloads.ZERO_VERSION
                + " and its dependencies into " + directory + " with npm ci (the first time only)");
        npm.run(
                List.of("ci", "--no-audit", "--no-fund", "--update-notifier=false"),
                directory,
                // The same registry orez downloaded Node and npm from; the project's .npmrc is not read from here.
                Map.of("npm_config_registry", registryUrl),
                progress);
        Path cli = cliIn(directory);
        writeMarker();
        return cli;
    }

    private static Path cliIn(Path directory) throws IOException {
        Path zero = directory.resolve("node_modules").resolve(PinnedDownloads.ZERO_PACKAGE);
        return PackageJson.read(zero).bin(PinnedDownloads.ZERO_CACHE_BIN);
    }

    /** Written to a temporary file and renamed, so the marker is never seen half-written. */
    private void writeMarker() throws IOException {
        Path partial = Files.createTempFile(directory, MARKER, ".partial");
        try {
            Files.writeString(partial, lockfileDigest() + "\n", StandardCharsets.UTF_8);
            Files.move(partial, directory.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void copyResource(String name) throws IOException {
        Files.write(directory.resolve(name), resource(name));
    }

    static byte[] resource(String name) {
        try (InputStream in = CachedZeroInstall.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "orez is missing its resource " + name + " next to " + CachedZeroInstall.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the shipped lockfile, hex. */
    static String lockfileDigest() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(resource(LOCKFILE)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
