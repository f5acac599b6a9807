package dev.orez.wasm.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImageTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesSortedEntriesWithParentsFirstAndOffsetsIntoTheBlob() throws Exception {
        FileImage image = new FileImage();
        image.addFile("/pglite/share/b.sql", bytes("BB"));
        image.addFile("/pglite/lib/a.so", bytes("AAA"));
        image.addFile("/pglite-x", bytes("X"));
        image.addDirectory("/tmp/empty");

        long length = image.write(dir.resolve("image.bin"), dir.resolve("image.tsv"));

        assertEquals(
                List.of(
                        "D\t/pglite",
                        "F\t/pglite-x\t0\t1",
                        "D\t/pglite/lib",
                        "F\t/pglite/lib/a.so\t1\t3",
                        "D\t/pglite/share",
                        "F\t/pglite/share/b.sql\t4\t2",
                        "D\t/tmp",
                        "D\t/tmp/empty"),
                Files.readAllLines(dir.resolve("image.tsv"), StandardCharsets.UTF_8));
        assertArrayEquals(bytes("XAAABB"), Files.readAllBytes(dir.resolve("image.bin")));
        assertEquals(6, length);
        assertEquals(5, image.directoryCount());
        assertEquals(3, image.fileCount());
    }

    @Test
    void theSameFileFromTwoSourcesIsKeptOnce() throws Exception {
        FileImage image = new FileImage();
        image.addFile("/a/x.control", bytes("same"));
        image.addFile("/a/x.control", bytes("same"));

        image.write(dir.resolve("image.bin"), dir.resolve("image.tsv"));

        assertEquals(
                List.of("D\t/a", "F\t/a/x.control\t0\t4"),
                Files.readAllLines(dir.resolve("image.tsv"), StandardCharsets.UTF_8));
    }

    @Test
    void aPathWithTwoDifferentContentsFails() {
        FileImage image = new FileImage();
        image.addFile("/a/x.control", bytes("one"));

        IllegalArgumentException failure =
                assertThrows(IllegalArgumentException.class, () -> image.addFile("/a/x.control", bytes("two")));
        assertEquals("/a/x.control is provided twice with different contents", failure.getMessage());
    }

    @Test
    void aPathCannotBeBothFileAndDirectory() {
        FileImage image = new FileImage();
        image.addFile("/a/b", bytes("file"));

        assertThrows(IllegalArgumentException.class, () -> image.addFile("/a/b/c", bytes("child")));
        assertThrows(IllegalArgumentException.class, () -> image.addFile("/a", bytes("parent")));
    }

    @Test
    void unsafeOrAmbiguousPathsAreRefused() {
        FileImage image = new FileImage();
        for (String path : List.of("relative", "/", "/a/", "/a//b", "/a/../b", "/a/./b", "/a\tb", "/a\nb")) {
            assertThrows(IllegalArgumentException.class, () -> image.addFile(path, bytes("x")), path);
        }
    }

    @Test
    void replacingSwapsContentAndSelectionSeesIt() {
        FileImage image = new FileImage();
        image.addFile("/lib/a.so", bytes("old"));
        image.addFile("/lib/a.sql", bytes("sql"));

        image.replaceFile("/lib/a.so", bytes("new"));

        Map<String, byte[]> sideModules = image.filesEndingWith(".so");
        assertEquals(List.of("/lib/a.so"), List.copyOf(sideModules.keySet()));
        assertArrayEquals(bytes("new"), sideModules.get("/lib/a.so"));
        assertThrows(IllegalArgumentException.class, () -> image.replaceFile("/lib/missing.so", bytes("x")));
    }
}
