package dev.orez.cli.zero;

import dev.orez.wasm.build.NpmPackage;
import dev.orez.wasm.build.TarGz;
import dev.orez.wasm.build.TarballCache;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An npm package (Node or npm itself) unpacked into its own directory of the cache, e.g. {@code node-22.23.3}.
 *
 * <p>The directory appears in one rename, only after the whole tarball was unpacked and checked, so if it exists it
 * is complete: no marker is needed, and a run killed midway leaves only a hidden partial directory, which the next
 * provisioning removes.
 */
final class UnpackedPackage {
    /** Checks an unpacked package before it is published, e.g. that its node runs on this machine. */
    @FunctionalInterface
    interface Check {
        void verify(Path unpacked) throws IOException;
    }

    private final NpmPackage npmPackage;
    private final Path cacheDir;
    private final String directoryName;

    UnpackedPackage(NpmPackage npmPackage, Path cacheDir, String directoryName) {
        this.npmPackage = npmPackage;
        this.cacheDir = cacheDir;
        this.directoryName = directoryName;
    }

    Path directory() {
        return cacheDir.resolve(directoryName);
    }

    /**
     * The directory, if an earlier run unpacked it. Needs no lock: the directory only ever appears complete. (If
     * someone damages it by hand, it stays damaged until removed; errors about it name its path.)
     */
    Optional<Path> existing() {
        return Files.isDirectory(directory()) ? Optional.of(directory()) : Optional.empty();
    }

    /**
     * The directory, unpacking the package first if needed; call only while holding the {@link ProvisionLock}. The
     * tarball is deleted once unpacked: the unpacked directory is what stays cached.
     */
    Path provision(TarballCache tarballs, Check check, Consumer<String> progress) throws IOException {
        Optional<Path> existing = existing();
        if (existing.isPresent()) {
            return existing.get();
        }
        removeLeftoverPartials();
        Path tarball = tarballs.fetch(npmPackage);
        progress.accept("unpacking " + npmPackage + " into " + directory());
        Path partial = Files.createTempDirectory(cacheDir, partialPrefix());
        try {
            TarGz.extractPackage(tarball, partial);
            check.verify(partial);
            // Same parent, so the rename is atomic: the directory appears complete or not at all.
            Files.move(partial, directory(), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            DirectoryTrees.delete(partial);
        }
        Files.deleteIfExists(tarball);
        return directory();
    }

    private String partialPrefix() {
        return "." + directoryName + ".partial-";
    }

    /** Partial directories of runs that were killed while unpacking. */
    private void removeLeftoverPartials() throws IOException {
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(cacheDir, partialPrefix() + "*")) {
            for (Path partial : partials) {
                DirectoryTrees.delete(partial);
            }
        }
    }
}
