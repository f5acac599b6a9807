package dev.orez.wasm.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarballCacheTest {
    private static final String TARBALL_PATH = "/npm/@test-scope/thing/-/thing-1.2.3.tgz";

    @TempDir
    Path cacheDir;

    private RegistryServer registry;
    private byte[] tarball;
    private NpmPackage thing;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        registry = new RegistryServer();
        tarball = Tarballs.tarGz(Map.of("package/package.json", "{}".getBytes(StandardCharsets.UTF_8)));
        thing = new NpmPackage("@test-scope/thing", "1.2.3", Tarballs.integrityOf(tarball));
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private TarballCache cache() throws IOException {
        NpmRegistry npm = NpmRegistry.fromNpmConfig(
                name -> name.equals("npm_config_registry") ? registry.url("/npm") : null,
                cacheDir.resolve("no-project-npmrc"),
                cacheDir.resolve("no-user-npmrc"));
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        return new TarballCache(cacheDir, npm, log::println);
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    private List<Path> cacheContents() throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.toList();
        }
    }

    @Test
    void downloadsVerifiesAndCachesUnderAScopeQualifiedName() throws Exception {
        registry.serve(TARBALL_PATH, tarball);

        Path fetched = cache().fetch(thing);

        assertEquals(cacheDir.resolve("test-scope+thing-1.2.3.tgz"), fetched);
        assertArrayEquals(tarball, Files.readAllBytes(fetched));
        assertEquals(List.of(TARBALL_PATH), registry.requests());
        assertEquals(List.of(fetched), cacheContents(), "no temporary file is left behind");
        assertTrue(log().contains("npm @test-scope/thing@1.2.3: downloaded 0.0 MB from " + registry.url(TARBALL_PATH)));
    }

    @Test
    void aDownloadReportsItsSizeBeforeItStarts() throws Exception {
        registry.serve(TARBALL_PATH, tarball);

        cache().fetch(thing);

        String size = String.format(java.util.Locale.ROOT, "%.1f", tarball.length / 1_000_000.0);
        assertTrue(
                log().contains("npm @test-scope/thing@1.2.3: downloading " + size + " MB from "
                        + registry.url(TARBALL_PATH)),
                log());
    }

    @Test
    void aGoodCachedTarballIsUsedWithoutAnyRequest() throws Exception {
        registry.serve(TARBALL_PATH, tarball);
        cache().fetch(thing);
        registry.requests().clear();

        Path fetched = cache().fetch(thing);

        assertEquals(List.of(), registry.requests());
        assertArrayEquals(tarball, Files.readAllBytes(fetched));
        assertTrue(log().contains("npm @test-scope/thing@1.2.3: using cache " + fetched));
    }

    @Test
    void aTamperedTarballIsRejectedAndNotCached() throws Exception {
        byte[] tampered = tarball.clone();
        tampered[tampered.length / 2] ^= 1;
        registry.serve(TARBALL_PATH, tampered);

        IOException failure = assertThrows(IOException.class, () -> cache().fetch(thing));

        assertTrue(failure.getMessage().contains("@test-scope/thing@1.2.3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("does not match the pinned integrity"), failure.getMessage());
        assertEquals(List.of(), cacheContents(), "neither the tarball nor a partial file stays in the cache");
    }

    @Test
    void aCorruptedCachedTarballIsReplacedByAFreshDownload() throws Exception {
        Files.write(cacheDir.resolve(thing.cacheFileName()), "truncated".getBytes(StandardCharsets.UTF_8));
        registry.serve(TARBALL_PATH, tarball);

        Path fetched = cache().fetch(thing);

        assertArrayEquals(tarball, Files.readAllBytes(fetched));
        assertEquals(List.of(TARBALL_PATH), registry.requests());
        assertTrue(log().contains("fails its integrity check, downloading again"), log());
    }

    @Test
    void anHttpErrorNamesThePackageAndTheUrl() {
        IOException failure = assertThrows(IOException.class, () -> cache().fetch(thing));

        assertEquals(
                "npm @test-scope/thing@1.2.3: GET " + registry.url(TARBALL_PATH) + " answered HTTP 404",
                failure.getMessage());
    }

    @Test
    void anUnreachableRegistryNamesThePackageAndTheUrl() throws Exception {
        registry.close();

        IOException failure = assertThrows(IOException.class, () -> cache().fetch(thing));

        assertTrue(
                failure.getMessage()
                        .startsWith("npm @test-scope/thing@1.2.3: downloading " + registry.url(TARBALL_PATH)
                                + " failed: no connection to the registry"),
                failure.getMessage());
        assertEquals(List.of(), cacheContents());
    }
}
