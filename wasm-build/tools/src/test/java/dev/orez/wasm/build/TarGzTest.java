package dev.orez.wasm.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheWantedRegularFilesWithoutALeadingDotSlash() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("./share/x.control", bytes("control"));
        files.put("lib/x.so", bytes("module"));
        files.put("include/x.h", bytes("header"));

        SortedMap<String, byte[]> read =
                TarGz.readFiles(new ByteArrayInputStream(Tarballs.tarGz(files)), name -> !name.startsWith("include/"));

        assertEquals(List.of("lib/x.so", "share/x.control"), List.copyOf(read.keySet()));
        assertArrayEquals(bytes("control"), read.get("share/x.control"));
        assertArrayEquals(bytes("module"), read.get("lib/x.so"));
    }

    @Test
    void aWantedSymbolicLinkFails() throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(archive))) {
            TarArchiveEntry link = new TarArchiveEntry("lib/x.so", TarConstants.LF_SYMLINK);
            link.setLinkName("elsewhere.so");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }

        IOException failure = assertThrows(
                IOException.class,
                () -> TarGz.readFiles(new ByteArrayInputStream(archive.toByteArray()), name -> true));
        assertEquals("entry lib/x.so is not a regular file", failure.getMessage());
    }

    @Test
    void aFileThatAppearsTwiceFails() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("./a.sql", bytes("one"));
        files.put("a.sql", bytes("two"));

        IOException failure = assertThrows(
                IOException.class,
                () -> TarGz.readFiles(new ByteArrayInputStream(Tarballs.tarGz(files)), name -> true));
        assertEquals("entry a.sql appears twice", failure.getMessage());
    }

    /** One tar entry for {@link #tarGzFile}: a regular file with a mode, or a link when {@code linkTarget} is set. */
    private record Entry(String name, int mode, String content, String linkTarget) {
        static Entry file(String name, int mode, String content) {
            return new Entry(name, mode, content, null);
        }
    }

    private Path tarGzFile(Entry... entries) throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(archive))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : entries) {
                // preserveAbsolutePath: the writer would otherwise drop a leading / a hostile archive can hold.
                TarArchiveEntry tarEntry = entry.linkTarget() == null
                        ? new TarArchiveEntry(entry.name(), true)
                        : new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK);
                if (entry.linkTarget() != null) {
                    tarEntry.setLinkName(entry.linkTarget());
                }
                tarEntry.setMode(entry.mode());
                byte[] content = bytes(entry.content());
                tarEntry.setSize(entry.linkTarget() == null ? content.length : 0);
                tar.putArchiveEntry(tarEntry);
                if (entry.linkTarget() == null) {
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        }
        Path file = dir.resolve("archive.tgz");
        Files.write(file, archive.toByteArray());
        return file;
    }

    @Test
    void extractingAPackageDropsItsTopFolderAndKeepsTheExecutableBit() throws IOException {
        Path tarball = tarGzFile(
                Entry.file("package/bin/node", 0755, "#!binary"),
                Entry.file("package/LICENSE", 0644, "license"),
                Entry.file("package/share/doc/x", 0666, "doc"),
                Entry.file("stray-root-file", 0644, "skipped, as npm skips it"));
        Path target = Files.createDirectory(dir.resolve("out"));

        TarGz.extractPackage(tarball, target);

        assertEquals("#!binary", Files.readString(target.resolve("bin/node")));
        assertEquals("license", Files.readString(target.resolve("LICENSE")));
        assertEquals(
                "rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("bin/node"))));
        assertEquals(
                "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("LICENSE"))));
        assertEquals(
                "rw-r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("share/doc/x"))),
                "nothing becomes writable by others");
        assertEquals(false, Files.exists(target.resolve("stray-root-file")));
        assertEquals(false, Files.exists(dir.resolve("stray-root-file")));
    }

    @Test
    void extractingRefusesAnEntryThatClimbsOutOfTheTarget() throws IOException {
        Path tarball = tarGzFile(Entry.file("package/../../escaped", 0644, "evil"));
        Path target = Files.createDirectory(dir.resolve("out"));

        IOException failure = assertThrows(IOException.class, () -> TarGz.extractPackage(tarball, target));

        assertEquals(tarball + ": entry package/../../escaped leaves its folder with ..", failure.getMessage());
        assertEquals(false, Files.exists(dir.resolve("escaped")));
    }

    @Test
    void extractingRefusesAnAbsoluteName() throws IOException {
        Path tarball = tarGzFile(Entry.file("/package/etc/passwd", 0644, "evil"));

        IOException failure = assertThrows(
                IOException.class, () -> TarGz.extractPackage(tarball, Files.createDirectory(dir.resolve("out"))));

        assertEquals(tarball + ": entry /package/etc/passwd has an absolute name", failure.getMessage());
    }

    @Test
    void extractingRefusesALink() throws IOException {
        Path tarball = tarGzFile(new Entry("package/lib", 0777, "", "/etc"));

        IOException failure = assertThrows(
                IOException.class, () -> TarGz.extractPackage(tarball, Files.createDirectory(dir.resolve("out"))));

        assertEquals(tarball + ": entry package/lib is not a regular file or directory", failure.getMessage());
    }
}
