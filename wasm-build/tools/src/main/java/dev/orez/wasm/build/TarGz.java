package dev.orez.wasm.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Reads chosen regular files of a .tar.gz into memory (npm tarballs and PGlite's extension archives), or unpacks a
 * whole npm tarball onto disk.
 */
public final class TarGz {
    private TarGz() {}

    static SortedMap<String, byte[]> readFiles(Path tarGz, Predicate<String> wanted) throws IOException {
        try (InputStream in = Files.newInputStream(tarGz)) {
            return readFiles(in, wanted);
        } catch (IOException e) {
            throw new IOException(tarGz + ": " + e.getMessage(), e);
        }
    }

    /**
     * The wanted regular files, keyed by entry name without a leading {@code ./}; the stream is closed. A wanted name
     * that is a link or appears twice fails: dropping or overwriting it would ship another file set than the archive's.
     */
    static SortedMap<String, byte[]> readFiles(InputStream tarGz, Predicate<String> wanted) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(tarGz)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (entry.isDirectory() || !wanted.test(name)) {
                    continue;
                }
                if (!isRegularFile(entry)) {
                    throw new IOException("entry " + name + " is not a regular file");
                }
                if (files.put(name, tar.readAllBytes()) != null) {
                    throw new IOException("entry " + name + " appears twice");
                }
            }
        }
        return files;
    }

    /**
     * Unpacks an npm package tarball into {@code directory} without the top-level folder npm wraps every package in
     * ({@code package/}), as npm itself installs it; entries outside any folder are skipped, as npm does. Files keep
     * their executable bits (an unpacked Node must be runnable), but never become writable by others.
     *
     * <p>The archive comes from the network, so nothing in it may reach outside {@code directory}: an absolute name or
     * a {@code ..} segment fails, and so does a link or special file (npm tarballs hold neither). A failure can leave
     * files behind: callers unpack into a fresh directory and publish it only on success.
     */
    public static void extractPackage(Path tarGz, Path directory) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarGz))))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String name = withoutTopFolder(checkedName(entry.getName()));
                if (name.isEmpty()) {
                    continue;
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("entry " + entry.getName() + " would be written outside " + root);
                }
                if (entry.isDirectory() || target.equals(root)) {
                    Files.createDirectories(target);
                } else if (isRegularFile(entry)) {
                    Files.createDirectories(target.getParent());
                    copyNew(tar, target, entry.getName());
                    setPermissions(target, entry.getMode());
                } else {
                    throw new IOException("entry " + entry.getName() + " is not a regular file or directory");
                }
            }
        } catch (IOException e) {
            throw new IOException(tarGz + ": " + e.getMessage(), e);
        }
    }

    /** No overwriting: with a second entry of the same name, the result would depend on entry order. */
    private static void copyNew(InputStream content, Path target, String entryName) throws IOException {
        try {
            Files.copy(content, target);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("entry " + entryName + " appears twice", e);
        }
    }

    private static String checkedName(String name) throws IOException {
        String relative = name.startsWith("./") ? name.substring(2) : name;
        if (relative.startsWith("/")) {
            throw new IOException("entry " + name + " has an absolute name");
        }
        // Backslash too: it separates folders on Windows.
        for (String segment : relative.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw new IOException("entry " + name + " leaves its folder with ..");
            }
        }
        return relative;
    }

    private static String withoutTopFolder(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? "" : name.substring(slash + 1);
    }

    /** The archive's mode, limited to at most rwxr-xr-x and at least rw for the owner. */
    private static void setPermissions(Path file, int mode) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        int kept = (mode & 0755) | 0600;
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] byBit = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < byBit.length; bit++) {
            if ((kept & (1 << bit)) != 0) {
                permissions.add(byBit[bit]);
            }
        }
        Files.setPosixFilePermissions(file, permissions);
    }

    /** By type flag: commons-compress's isFile() also says yes for symbolic and hard links. */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        return entry.getLinkFlag() == TarConstants.LF_NORMAL || entry.getLinkFlag() == TarConstants.LF_OLDNORM;
    }
}
