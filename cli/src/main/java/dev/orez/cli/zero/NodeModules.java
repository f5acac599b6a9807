package dev.orez.cli.zero;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds an installed package the way Node's {@code require} does: in {@code node_modules} of a folder or its parents. */
final class NodeModules {
    private NodeModules() {}

    /**
     * The directory of {@code packageName} in the nearest {@code node_modules} at or above {@code start}, if any. Like
     * Node, a folder that is itself called {@code node_modules} is not searched for a nested {@code node_modules}.
     */
    static Optional<Path> find(Path start, String packageName) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals("node_modules")) {
                continue;
            }
            Path candidate = dir.resolve("node_modules").resolve(packageName);
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
