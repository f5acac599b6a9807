package dev.orez.wasm.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class TarGzTest {
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
}
