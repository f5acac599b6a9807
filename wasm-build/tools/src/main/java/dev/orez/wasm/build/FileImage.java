package dev.orez.wasm.build;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The read-only file tree the runtime mounts, written as two files: {@code image.bin} holds every file's bytes back to
 * back, and {@code image.tsv} lists one entry per line, {@code D\tpath} or {@code F\tpath\toffset\tlength}.
 *
 * <p>Lines are sorted by path, which puts every directory before its contents (a path sorts before any path it
 * prefixes), so a reader can create entries in file order. The root directory is implicit.
 */
final class FileImage {
    private final SortedSet<String> directories = new TreeSet<>();
    private final SortedMap<String, byte[]> files = new TreeMap<>();

    /** Adds a directory and its parents. */
    void addDirectory(String path) {
        checkPath(path);
        for (String directory = path; !directory.isEmpty(); directory = parentOf(directory)) {
            if (files.containsKey(directory)) {
                throw new IllegalArgumentException(directory + " is already a file, it cannot also be a directory");
            }
            directories.add(directory);
        }
    }

    /**
     * Adds a file and its parent directories. Adding the same path again is only allowed with identical content, since
     * two sources disagreeing about a file means one of them would be silently lost.
     */
    void addFile(String path, byte[] content) {
        checkPath(path);
        if (directories.contains(path)) {
            throw new IllegalArgumentException(path + " is already a directory, it cannot also be a file");
        }
        byte[] existing = files.get(path);
        if (existing != null && !Arrays.equals(existing, content)) {
            throw new IllegalArgumentException(path + " is provided twice with different contents");
        }
        String parent = parentOf(path);
        if (!parent.isEmpty()) {
            addDirectory(parent);
        }
        files.put(path, content);
    }

    /** Swaps the content of an existing file (side modules after type canonicalization). */
    void replaceFile(String path, byte[] content) {
        if (!files.containsKey(path)) {
            throw new IllegalArgumentException(path + " is not a file of the image");
        }
        files.put(path, content);
    }

    /** The files whose path ends with the suffix, by path. */
    SortedMap<String, byte[]> filesEndingWith(String suffix) {
        SortedMap<String, byte[]> matching = new TreeMap<>();
        files.forEach((path, content) -> {
            if (path.endsWith(suffix)) {
                matching.put(path, content);
            }
        });
        return matching;
    }

    int directoryCount() {
        return directories.size();
    }

    int fileCount() {
        return files.size();
    }

    /** Writes both files and returns the length of image.bin. */
    long write(Path imageBin, Path imageTsv) throws IOException {
        SortedSet<String> paths = new TreeSet<>(directories);
        paths.addAll(files.keySet());
        long offset = 0;
        try (OutputStream bin = new BufferedOutputStream(Files.newOutputStream(imageBin));
                Writer tsv = Files.newBufferedWriter(imageTsv, StandardCharsets.UTF_8)) {
            for (String path : paths) {
                byte[] content = files.get(path);
                if (content == null) {
                    tsv.write("D\t" + path + "\n");
                } else {
                    bin.write(content);
                    tsv.write("F\t" + path + "\t" + offset + "\t" + content.length + "\n");
                    offset += content.length;
                }
            }
        }
        return offset;
    }

    /** Absolute, normalized, and free of the characters that delimit image.tsv. */
    private static void checkPath(String path) {
        if (!path.startsWith("/") || path.length() == 1 || path.endsWith("/")) {
            throw new IllegalArgumentException("not an absolute file path: " + path);
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a normalized path: " + path);
            }
        }
        if (path.indexOf('\t') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("path contains a tab or line break: " + path);
        }
    }

    /** The parent path, or "" for a child of the root. */
    private static String parentOf(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }
}
