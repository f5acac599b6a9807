package dev.orez.wasm.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Reads chosen regular files of a .tar.gz into memory (npm tarballs and PGlite's extension archives). */
final class TarGz {
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

    /** By type flag: commons-compress's isFile() also says yes for symbolic and hard links. */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        return entry.getLinkFlag() == TarConstants.LF_NORMAL || entry.getLinkFlag() == TarConstants.LF_OLDNORM;
    }
}
