package dev.orez.wasm.build;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Lets a build step skip itself: the stamp file records what the outputs were made from (the step's inputs and a
 * fingerprint of the tool's own code), and the step is current while the stamp matches and every output exists.
 * The stamp is removed before the outputs are rewritten and written after they are complete, so an interrupted run is
 * never mistaken for a finished one.
 */
final class BuildStamp {
    private final Path file;
    private final String content;

    /** @param inputs one line per input that affects the outputs, e.g. a package and its integrity */
    BuildStamp(Path file, List<String> inputs, Class<?> tool) throws IOException {
        this.file = file;
        this.content = "tool " + codeFingerprint(tool) + "\n" + String.join("\n", inputs) + "\n";
    }

    boolean isCurrent(List<Path> outputs) throws IOException {
        return Files.isRegularFile(file)
                && Files.readString(file, StandardCharsets.UTF_8).equals(content)
                && outputs.stream().allMatch(Files::isRegularFile);
    }

    void invalidate() throws IOException {
        Files.deleteIfExists(file);
    }

    void record() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /**
     * SHA-256 over the names and contents of the tool's class directory or jar, so editing the tool reruns the step
     * even when its inputs are unchanged. Timestamps are left out: a jar repackaged from the same classes, or classes
     * recompiled from the same sources, must not force a rerun.
     */
    private static String codeFingerprint(Class<?> tool) throws IOException {
        Path location;
        try {
            location = Path.of(
                    tool.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the code of " + tool.getName(), e);
        }
        SortedMap<String, byte[]> code = Files.isDirectory(location) ? filesIn(location) : entriesOf(location);
        MessageDigest sha256 = newSha256();
        code.forEach((name, content) -> {
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(content);
        });
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static SortedMap<String, byte[]> filesIn(Path directory) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(directory)) {
            paths = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        for (Path path : paths) {
            files.put(directory.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
        }
        return files;
    }

    private static SortedMap<String, byte[]> entriesOf(Path jar) throws IOException {
        SortedMap<String, byte[]> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (!entry.isDirectory()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        entries.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return entries;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
