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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole step against synthetic PGlite and extension tarballs served by a local registry. */
class PreparePgliteTest {
    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
    // Type section: one type () -> ().
    private static final byte[] MAIN_WASM = concat(HEADER, new byte[] {0x01, 0x04, 0x01, 0x60, 0x00, 0x00});
    // A side module: dylink.0 with an all-zero memory info, then one type (i32) -> ().
    private static final byte[] SIDE_MODULE = concat(
            HEADER,
            new byte[] {0x00, 0x0F, 0x08, 'd', 'y', 'l', 'i', 'n', 'k', '.', '0', 0x01, 0x04, 0, 0, 0, 0},
            new byte[] {0x01, 0x05, 0x01, 0x60, 0x01, 0x7F, 0x00});
    private static final byte[] INITDB_WASM = bytes("initdb module");
    private static final byte[] PG_DUMP_WASM = bytes("pg_dump module");

    @TempDir
    Path dir;

    private RegistryServer registry;
    private NpmPackage tools;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    @BeforeEach
    void startRegistry() throws Exception {
        registry = new RegistryServer();
        tools = publishTools(Map.of("package/dist/pg_dump.wasm", PG_DUMP_WASM));
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[0];
        for (byte[] part : parts) {
            int start = all.length;
            all = Arrays.copyOf(all, start + part.length);
            System.arraycopy(part, 0, all, start, part.length);
        }
        return all;
    }

    /** Publishes a package tarball on the local registry and returns its pin. */
    private NpmPackage publish(String name, Map<String, byte[]> files) throws Exception {
        byte[] tarball = Tarballs.tarGz(files);
        NpmPackage npmPackage = new NpmPackage(name, "1.0.0", Tarballs.integrityOf(tarball));
        registry.serve("/" + npmPackage.tarballPath(), tarball);
        return npmPackage;
    }

    /** A pglite tarball whose data file holds a .pgpass and plpgsql.so, plus one extension archive. */
    private NpmPackage publishPglite(Map<String, byte[]> extensionArchive) throws Exception {
        byte[] pgpass = bytes("localhost:*:*:postgres:password\n");
        byte[] data = concat(pgpass, SIDE_MODULE);
        String loader = "Module[\"FS_createPath\"](\"/\",\"tmp\",true,true);loadPackage({files:["
                + "{filename:\"/home/postgres/.pgpass\",start:0,end:" + pgpass.length + "},"
                + "{filename:\"/pglite/lib/postgresql/plpgsql.so\",start:" + pgpass.length + ",end:" + data.length
                + "}],remote_package_size:" + data.length + "})";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("package/package.json", bytes("{}"));
        files.put("package/dist/pglite.wasm", MAIN_WASM);
        files.put("package/dist/initdb.wasm", INITDB_WASM);
        files.put("package/dist/pglite.data", data);
        files.put("package/dist/pglite.js", bytes(loader));
        files.put("package/dist/hstore.tar.gz", Tarballs.tarGz(extensionArchive));
        files.put("package/dist/nested/ignored.tar.gz", bytes("not an extension archive"));
        return publish("@test/pglite", files);
    }

    private NpmPackage publishTools(Map<String, byte[]> files) throws Exception {
        return publish("@test/pglite-tools", files);
    }

    private NpmPackage publishVector() throws Exception {
        Map<String, byte[]> archive = new LinkedHashMap<>();
        archive.put("share/postgresql/extension/vector.control", bytes("vector control"));
        archive.put("lib/postgresql/vector.so", SIDE_MODULE);
        return publish("@test/pglite-pgvector", Map.of("package/dist/vector.tar.gz", Tarballs.tarGz(archive)));
    }

    private static Map<String, byte[]> hstoreArchive() {
        Map<String, byte[]> archive = new LinkedHashMap<>();
        archive.put("share/postgresql/extension/hstore.control", bytes("hstore control"));
        archive.put("lib/postgresql/hstore.so", SIDE_MODULE);
        return archive;
    }

    private PreparePglite step(NpmPackage pglite, NpmPackage vector) throws Exception {
        PreparePglite.Options options = PreparePglite.Options.parse(
                "--cache=" + dir.resolve("cache"),
                "--wasm-out=" + dir.resolve("wasm"),
                "--resources-out=" + dir.resolve("resources"));
        NpmRegistry npm = NpmRegistry.fromNpmConfig(
                name -> name.equals("NPM_CONFIG_REGISTRY") ? registry.url("") : null,
                dir.resolve("none"),
                dir.resolve("none"));
        return new PreparePglite(
                options, npm, pglite, tools, List.of(vector), new PrintStream(logBytes, true, StandardCharsets.UTF_8));
    }

    private Path dist(String name) {
        return dir.resolve("resources/dev/orez/pglite/dist").resolve(name);
    }

    /** image.tsv read back into path -> bytes for files and path -> null for directories. */
    private Map<String, byte[]> readImage() throws IOException {
        byte[] bin = Files.readAllBytes(dist("image.bin"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dist("image.tsv"), StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            if (fields[0].equals("D")) {
                entries.put(fields[1], null);
            } else {
                int offset = Integer.parseInt(fields[2]);
                entries.put(fields[1], Arrays.copyOfRange(bin, offset, offset + Integer.parseInt(fields[3])));
            }
        }
        return entries;
    }

    @Test
    void buildsTheCanonicalModuleTheImageInitdbAndVersions() throws Exception {
        NpmPackage pglite = publishPglite(hstoreArchive());
        NpmPackage vector = publishVector();

        step(pglite, vector).run();

        Map<String, byte[]> sideModules = new TreeMap<>();
        for (String name : List.of("plpgsql", "hstore", "vector")) {
            sideModules.put("/pglite/lib/postgresql/" + name + ".so", SIDE_MODULE);
        }
        WasmTypeCanonicalizer.Result canonical = WasmTypeCanonicalizer.canonicalize(MAIN_WASM, sideModules);
        assertArrayEquals(canonical.mainModule(), Files.readAllBytes(dir.resolve("wasm/pglite.wasm")));

        Map<String, byte[]> image = readImage();
        assertEquals(
                List.of(
                        "/home",
                        "/home/postgres",
                        "/home/postgres/.pgpass",
                        "/pglite",
                        "/pglite/lib",
                        "/pglite/lib/postgresql",
                        "/pglite/lib/postgresql/hstore.so",
                        "/pglite/lib/postgresql/plpgsql.so",
                        "/pglite/lib/postgresql/vector.so",
                        "/pglite/share",
                        "/pglite/share/postgresql",
                        "/pglite/share/postgresql/extension",
                        "/pglite/share/postgresql/extension/hstore.control",
                        "/pglite/share/postgresql/extension/vector.control",
                        "/tmp"),
                List.copyOf(image.keySet()));
        assertArrayEquals(bytes("localhost:*:*:postgres:password\n"), image.get("/home/postgres/.pgpass"));
        assertArrayEquals(bytes("hstore control"), image.get("/pglite/share/postgresql/extension/hstore.control"));
        for (String sideModule : sideModules.keySet()) {
            assertArrayEquals(canonical.sideModules().get(sideModule), image.get(sideModule), sideModule);
        }

        assertArrayEquals(INITDB_WASM, Files.readAllBytes(dist("initdb.wasm")));
        assertArrayEquals(PG_DUMP_WASM, Files.readAllBytes(dir.resolve("wasm/pg_dump.wasm")));
        String versions = Files.readString(dist("versions.properties"));
        assertTrue(
                versions.contains("pglite.name=@test/pglite\npglite.version=1.0.0\npglite.integrity="
                        + pglite.integrity() + "\n"),
                versions);
        assertTrue(
                versions.contains("pglite-tools.version=1.0.0\npglite-tools.integrity=" + tools.integrity() + "\n"),
                versions);
        assertTrue(
                versions.contains(
                        "pglite-pgvector.version=1.0.0\npglite-pgvector.integrity=" + vector.integrity() + "\n"),
                versions);
    }

    @Test
    void anUpToDateBuildMakesNoRequestAndRewritesNothing() throws Exception {
        NpmPackage pglite = publishPglite(hstoreArchive());
        NpmPackage vector = publishVector();
        step(pglite, vector).run();
        registry.requests().clear();
        Files.delete(dir.resolve("cache").resolve(pglite.cacheFileName()));
        Files.writeString(dist("image.tsv"), "sentinel");

        step(pglite, vector).run();

        assertEquals(List.of(), registry.requests());
        assertEquals("sentinel", Files.readString(dist("image.tsv")), "outputs are not rewritten");
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("PGlite payload is up to date"));
    }

    @Test
    void aMissingOutputRebuildsFromTheCacheWithoutRequests() throws Exception {
        NpmPackage pglite = publishPglite(hstoreArchive());
        NpmPackage vector = publishVector();
        step(pglite, vector).run();
        byte[] tsv = Files.readAllBytes(dist("image.tsv"));
        registry.requests().clear();
        Files.delete(dist("image.bin"));

        step(pglite, vector).run();

        assertEquals(List.of(), registry.requests());
        assertTrue(Files.exists(dist("image.bin")));
        assertArrayEquals(tsv, Files.readAllBytes(dist("image.tsv")));
    }

    @Test
    void anExtensionFileThatContradictsTheDataFileFailsTheBuild() throws Exception {
        Map<String, byte[]> archive = hstoreArchive();
        archive.put("lib/postgresql/plpgsql.so", bytes("a different plpgsql"));
        NpmPackage pglite = publishPglite(archive);
        NpmPackage vector = publishVector();

        IllegalStateException failure = assertThrows(
                IllegalStateException.class, () -> step(pglite, vector).run());

        assertEquals(
                "@test/pglite@1.0.0 package/dist/hstore.tar.gz: "
                        + "/pglite/lib/postgresql/plpgsql.so is provided twice with different contents",
                failure.getMessage());
        assertTrue(Files.notExists(dir.resolve("wasm/prepare-pglite.stamp")));
    }

    @Test
    void aToolsPackageWithoutPgDumpFailsTheBuild() throws Exception {
        NpmPackage pglite = publishPglite(hstoreArchive());
        NpmPackage vector = publishVector();
        tools = publishTools(Map.of("package/dist/pg_dump.js", bytes("only the glue")));

        IllegalStateException failure = assertThrows(
                IllegalStateException.class, () -> step(pglite, vector).run());

        assertEquals("@test/pglite-tools@1.0.0 has no package/dist/pg_dump.wasm", failure.getMessage());
    }

    @Test
    void theCommandLineNeedsAllThreeDirectories() {
        IllegalArgumentException failure = assertThrows(
                IllegalArgumentException.class, () -> PreparePglite.Options.parse("--cache=a", "--wasm-out=b"));
        assertEquals("usage: PreparePglite --cache=DIR --wasm-out=DIR --resources-out=DIR", failure.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PreparePglite.Options.parse("--cache=a", "--bogus=b"));
    }
}
