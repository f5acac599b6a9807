package dev.orez.cli.s3;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory housekeeping shared by the object store and the multipart uploads. */
final class FileTrees {
    private FileTrees() {}

    /** Deletes a directory tree; a tree that is already gone is not an error. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Empties a directory, creating it if needed. */
    static void recreate(Path directory) throws IOException {
        deleteRecursively(directory);
        Files.createDirectories(directory);
    }

    /**
     * Removes {@code directory} and its ancestors below {@code stop} while they are empty, so deleting the last
     * object under a prefix leaves no directory behind (a directory would block an object with that name).
     */
    static void pruneEmpty(Path directory, Path stop) throws IOException {
        for (Path dir = directory; dir.startsWith(stop) && !dir.equals(stop); dir = dir.getParent()) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }
}
