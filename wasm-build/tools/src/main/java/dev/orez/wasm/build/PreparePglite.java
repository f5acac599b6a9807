package dev.orez.wasm.build;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Build step: turns the pinned PGlite npm tarballs into what the runtime needs.
 *
 * <ul>
 *   <li>{@code <wasm-out>/pglite.wasm}: the main module with the canonical type table, for Chicory's compiler;
 *   <li>{@code <resources-out>/dev/orez/pglite/dist/image.bin} and {@code image.tsv}: one read-only file image of
 *       pglite.data plus every extension archive (PGlite's own and those of extension packages) under {@code /pglite},
 *       with every side module ({@code .so}) rewritten to the canonical types;
 *   <li>{@code <resources-out>/dev/orez/pglite/dist/initdb.wasm}, unchanged;
 *   <li>{@code <wasm-out>/pg_dump.wasm} from the pglite-tools package, unchanged, for Chicory's compiler;
 *   <li>{@code <resources-out>/dev/orez/pglite/dist/versions.properties}: the packages used and their integrity.
 * </ul>
 *
 * The step does nothing when a stamp shows the outputs were made from the same packages by the same tool, so an
 * incremental build neither downloads nor rewrites anything.
 *
 * <p>Usage: {@code PreparePglite --cache=DIR --wasm-out=DIR --resources-out=DIR}
 */
public final class PreparePglite {
    private static final String DIST = "package/dist/";
    private static final String MAIN_WASM = DIST + "pglite.wasm";
    private static final String INITDB_WASM = DIST + "initdb.wasm";
    private static final String DATA = DIST + "pglite.data";
    private static final String LOADER_SCRIPT = DIST + "pglite.js";
    private static final String PG_DUMP_WASM = DIST + "pg_dump.wasm";
    /** Where pglite.data and the extension archives' {@code share/...}, {@code lib/...} trees live in the guest. */
    private static final String INSTALL_PREFIX = "/pglite/";

    private final Options options;
    private final TarballCache cache;
    private final NpmPackage pglite;
    private final NpmPackage tools;
    private final List<NpmPackage> extensionPackages;
    private final PrintStream log;

    PreparePglite(
            Options options,
            NpmRegistry registry,
            NpmPackage pglite,
            NpmPackage tools,
            List<NpmPackage> extensionPackages,
            PrintStream log) {
        this.options = options;
        this.cache = new TarballCache(options.cache(), registry, log::println);
        this.pglite = pglite;
        this.tools = tools;
        this.extensionPackages = List.copyOf(extensionPackages);
        this.log = log;
    }

    public static void main(String[] args) throws IOException {
        // No System.exit: exec:java runs this inside Maven's JVM; an exception fails the build with its message.
        new PreparePglite(
                        Options.parse(args),
                        NpmRegistry.fromNpmConfig(),
                        PinnedPackages.PGLITE,
                        PinnedPackages.PGLITE_TOOLS,
                        List.of(PinnedPackages.PGVECTOR),
                        System.out)
                .run();
    }

    /** The command line: {@code --cache=DIR --wasm-out=DIR --resources-out=DIR}, all required. */
    record Options(Path cache, Path wasmOut, Path resourcesOut) {
        private static final String USAGE = "usage: PreparePglite --cache=DIR --wasm-out=DIR --resources-out=DIR";

        static Options parse(String... args) {
            Path cache = null;
            Path wasmOut = null;
            Path resourcesOut = null;
            for (String arg : args) {
                if (arg.startsWith("--cache=")) {
                    cache = Path.of(arg.substring("--cache=".length()));
                } else if (arg.startsWith("--wasm-out=")) {
                    wasmOut = Path.of(arg.substring("--wasm-out=".length()));
                } else if (arg.startsWith("--resources-out=")) {
                    resourcesOut = Path.of(arg.substring("--resources-out=".length()));
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg + "; " + USAGE);
                }
            }
            if (cache == null || wasmOut == null || resourcesOut == null) {
                throw new IllegalArgumentException(USAGE);
            }
            return new Options(cache, wasmOut, resourcesOut);
        }

        Path mainWasm() {
            return wasmOut.resolve("pglite.wasm");
        }

        Path stamp() {
            // Beside the wasm, not among the resources, so it is not packaged into the jar.
            return wasmOut.resolve("prepare-pglite.stamp");
        }

        Path dist() {
            return resourcesOut.resolve("dev/orez/pglite/dist");
        }

        Path imageBin() {
            return dist().resolve("image.bin");
        }

        Path imageTsv() {
            return dist().resolve("image.tsv");
        }

        Path pgDumpWasm() {
            return wasmOut.resolve("pg_dump.wasm");
        }

        Path initdbWasm() {
            return dist().resolve("initdb.wasm");
        }

        Path versions() {
            return dist().resolve("versions.properties");
        }

        List<Path> outputs() {
            return List.of(mainWasm(), pgDumpWasm(), imageBin(), imageTsv(), initdbWasm(), versions());
        }
    }

    void run() throws IOException {
        BuildStamp stamp = new BuildStamp(options.stamp(), packageLines(), PreparePglite.class);
        if (stamp.isCurrent(options.outputs())) {
            log.println("PGlite payload is up to date in " + options.wasmOut() + " and " + options.dist());
            return;
        }
        stamp.invalidate();

        SortedMap<String, byte[]> pgliteFiles = TarGz.readFiles(
                cache.fetch(pglite),
                name -> name.equals(MAIN_WASM)
                        || name.equals(INITDB_WASM)
                        || name.equals(DATA)
                        || name.equals(LOADER_SCRIPT)
                        || isExtensionArchive(name));
        byte[] pgDump = required(tools, TarGz.readFiles(cache.fetch(tools), PG_DUMP_WASM::equals), PG_DUMP_WASM);
        FileImage image = new FileImage();
        addDataFiles(image, pgliteFiles);
        addExtensionArchives(image, pglite, pgliteFiles);
        for (NpmPackage extensionPackage : extensionPackages) {
            addExtensionArchives(
                    image,
                    extensionPackage,
                    TarGz.readFiles(cache.fetch(extensionPackage), PreparePglite::isExtensionArchive));
        }

        SortedMap<String, byte[]> sideModules = image.filesEndingWith(".so");
        WasmTypeCanonicalizer.Result canonical =
                WasmTypeCanonicalizer.canonicalize(required(pglite, pgliteFiles, MAIN_WASM), sideModules);
        canonical.sideModules().forEach(image::replaceFile);

        Files.createDirectories(options.wasmOut());
        Files.createDirectories(options.dist());
        Files.write(options.mainWasm(), canonical.mainModule());
        long imageBytes = image.write(options.imageBin(), options.imageTsv());
        Files.write(options.initdbWasm(), required(pglite, pgliteFiles, INITDB_WASM));
        Files.write(options.pgDumpWasm(), pgDump);
        Files.writeString(options.versions(), versionsProperties(), StandardCharsets.UTF_8);
        stamp.record();
        log.println(String.format(
                Locale.ROOT,
                "PGlite payload: file image of %d directories and %d files (%d side modules canonicalized), %.1f MB",
                image.directoryCount(),
                image.fileCount(),
                sideModules.size(),
                imageBytes / 1_000_000.0));
    }

    /** pglite.data, cut into files by the table in pglite.js. */
    private void addDataFiles(FileImage image, Map<String, byte[]> pgliteFiles) {
        byte[] data = required(pglite, pgliteFiles, DATA);
        DataFileTable table;
        try {
            table = DataFileTable.parse(
                    new String(required(pglite, pgliteFiles, LOADER_SCRIPT), StandardCharsets.UTF_8), data.length);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(LOADER_SCRIPT + ": " + e.getMessage(), e);
        }
        table.directories().forEach(image::addDirectory);
        for (DataFileTable.Entry file : table.files()) {
            image.addFile(file.path(), Arrays.copyOfRange(data, file.start(), file.end()));
        }
    }

    /** Every {@code package/dist/*.tar.gz} of the package, unpacked under {@code /pglite/}. */
    private static void addExtensionArchives(FileImage image, NpmPackage source, Map<String, byte[]> packageFiles)
            throws IOException {
        for (Map.Entry<String, byte[]> archive : packageFiles.entrySet()) {
            if (!isExtensionArchive(archive.getKey())) {
                continue;
            }
            String origin = source + " " + archive.getKey();
            SortedMap<String, byte[]> files;
            try {
                files = TarGz.readFiles(new ByteArrayInputStream(archive.getValue()), name -> true);
            } catch (IOException e) {
                throw new IOException(origin + ": " + e.getMessage(), e);
            }
            try {
                files.forEach((name, content) -> image.addFile(INSTALL_PREFIX + name, content));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(origin + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean isExtensionArchive(String name) {
        return name.startsWith(DIST) && name.endsWith(".tar.gz") && name.indexOf('/', DIST.length()) < 0;
    }

    private static byte[] required(NpmPackage source, Map<String, byte[]> files, String name) {
        byte[] content = files.get(name);
        if (content == null) {
            throw new IllegalStateException(source + " has no " + name);
        }
        return content;
    }

    private List<NpmPackage> packages() {
        List<NpmPackage> packages = new ArrayList<>();
        packages.add(pglite);
        packages.add(tools);
        packages.addAll(extensionPackages);
        return packages;
    }

    private List<String> packageLines() {
        List<String> lines = new ArrayList<>();
        for (NpmPackage npmPackage : packages()) {
            lines.add(npmPackage + " " + npmPackage.integrity());
        }
        return lines;
    }

    /** Keyed by the unscoped package name: {@code pglite.version}, {@code pglite-pgvector.integrity}, ... */
    private String versionsProperties() {
        StringBuilder properties = new StringBuilder("# The npm packages this PGlite payload was built from.\n");
        for (NpmPackage npmPackage : packages()) {
            String key = npmPackage.unscopedName();
            properties.append(key + ".name=" + npmPackage.name() + "\n");
            properties.append(key + ".version=" + npmPackage.version() + "\n");
            properties.append(key + ".integrity=" + npmPackage.integrity() + "\n");
        }
        return properties.toString();
    }
}
