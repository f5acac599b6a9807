package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.wasm.build.NpmPackage;
import dev.orez.wasm.build.NpmRegistry;
import dev.orez.wasm.build.TarballCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking a downloaded package into the cache; the tarball is put in the download cache, so no network is used. */
class UnpackedPackageTest {
    @TempDir
    Path cacheDir;

    private final List<String> progress = new ArrayList<>();
    private NpmPackage tool;
    private TarballCache tarballs;

    @BeforeEach
    void putTheTarballInTheDownloadCache() throws Exception {
        byte[] tarball = tarGz();
        String integrity = "sha512-"
                + Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-512").digest(tarball));
        tool = new NpmPackage("tool", "1.0.0", integrity);
        Path downloads = Files.createDirectories(cacheDir.resolve("downloads"));
        // The name TarballCache files a package under: name-version.tgz.
        Files.write(downloads.resolve("tool-1.0.0.tgz"), tarball);
        NpmRegistry unreachable = NpmRegistry.fromNpmConfig(
                Map.of("npm_config_registry", "http://127.0.0.1:9/")::get,
                cacheDir.resolve("none"),
                cacheDir.resolve("none"));
        tarballs = new TarballCache(downloads, unreachable, progress::add);
    }

    private static byte[] tarGz() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (String[] file : new String[][] {
                {"package/package.json", "{\"name\": \"tool\", \"bin\": {\"tool\": \"bin/tool\"}}", "644"},
                {"package/bin/tool", "#!/bin/sh\necho tool\n", "755"}
            }) {
                byte[] content = file[1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file[0]);
                entry.setMode(Integer.parseInt(file[2], 8));
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private List<String> cacheEntries() throws IOException {
        try (Stream<Path> entries = Files.list(cacheDir)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void unpacksIntoItsDirectoryKeepingTheExecutableBitAndDropsTheTarball() throws IOException {
        UnpackedPackage unpacked = new UnpackedPackage(tool, cacheDir, "tool-1.0.0");

        Path directory = unpacked.provision(tarballs, dir -> {}, progress::add);

        assertEquals(cacheDir.resolve("tool-1.0.0"), directory);
        Path bin = PackageJson.read(directory).bin("tool");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(bin)));
        assertEquals(Optional.of(directory), unpacked.existing());
        assertEquals(List.of("downloads", "tool-1.0.0"), cacheEntries());
        assertEquals(List.of(), Files.list(cacheDir.resolve("downloads")).toList());
    }

    @Test
    void aPackageThatFailsItsCheckIsNotPublished() throws IOException {
        UnpackedPackage unpacked = new UnpackedPackage(tool, cacheDir, "tool-1.0.0");

        IOException failure = assertThrows(
                IOException.class,
                () -> unpacked.provision(
                        tarballs,
                        dir -> {
                            throw new IOException("does not run here");
                        },
                        progress::add));

        assertEquals("does not run here", failure.getMessage());
        assertEquals(Optional.empty(), unpacked.existing());
        assertEquals(List.of("downloads"), cacheEntries(), "no partial directory is left behind");
    }

    @Test
    void thePartialDirectoryOfAKilledRunIsRemoved() throws IOException {
        Path leftover = Files.createDirectories(cacheDir.resolve(".tool-1.0.0.partial-12345/bin"));
        Files.writeString(leftover.resolve("tool"), "half");

        new UnpackedPackage(tool, cacheDir, "tool-1.0.0").provision(tarballs, dir -> {}, progress::add);

        assertEquals(List.of("downloads", "tool-1.0.0"), cacheEntries());
        assertTrue(progress.stream().anyMatch(line -> line.contains("using cache")), progress.toString());
    }
}
