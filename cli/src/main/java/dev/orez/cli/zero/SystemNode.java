package dev.orez.cli.zero;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A Node.js the machine already has that can run zero-cache: the one {@code $OREZ_NODE} names, else the first
 * {@code node} on {@code PATH} (the one the user's shell would run), if it is new enough.
 */
final class SystemNode {
    static final String OREZ_NODE = "OREZ_NODE";

    private SystemNode() {}

    /**
     * Empty when there is no usable node on PATH (and why goes to {@code progress}). An {@code $OREZ_NODE} that is
     * not a working Node 22+ fails instead: the user asked for that one, so silently using another would mislead.
     */
    static Optional<NodeExecutable> find(Function<String, String> env, Consumer<String> progress) throws IOException {
        String chosen = env.apply(OREZ_NODE);
        if (chosen != null && !chosen.isBlank()) {
            return Optional.of(chosenNode(chosen.strip()));
        }
        Optional<Path> onPath = onPath(env.apply("PATH"));
        if (onPath.isEmpty()) {
            progress.accept("no node on PATH");
            return Optional.empty();
        }
        NodeExecutable node;
        try {
            node = NodeExecutable.probe(onPath.get());
        } catch (IOException e) {
            progress.accept("the node on PATH does not work: " + e.getMessage());
            return Optional.empty();
        }
        if (!node.version().canRunZeroCache()) {
            progress.accept("the node on PATH (" + node.path() + ") is " + node.version() + "; zero-cache needs Node "
                    + NodeVersion.MINIMUM.major() + " or newer, so orez uses its own (kept in its cache)");
            return Optional.empty();
        }
        return Optional.of(node);
    }

    private static NodeExecutable chosenNode(String value) throws IOException {
        NodeExecutable node;
        try {
            node = NodeExecutable.probe(Path.of(value));
        } catch (IOException | InvalidPathException e) {
            throw new IOException(OREZ_NODE + "=" + value + " is not a working node: " + e.getMessage(), e);
        }
        if (!node.version().canRunZeroCache()) {
            throw new IOException(OREZ_NODE + "=" + value + " is Node " + node.version() + "; zero-cache needs Node "
                    + NodeVersion.MINIMUM.major() + " or newer");
        }
        return node;
    }

    /** The first executable {@code node} in the PATH directories, as a shell would find it. */
    static Optional<Path> onPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String executable = windows ? "node.exe" : "node";
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(directory, executable);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // A PATH entry that is no valid path cannot hold node; the shell would skip it too.
            }
        }
        return Optional.empty();
    }
}
