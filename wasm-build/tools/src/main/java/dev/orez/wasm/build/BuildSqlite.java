package dev.orez.wasm.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Build step: compiles the SQLite amalgamation (bedrock branch) of the pinned zero-sqlite3 npm package to a WASI
 * reactor module, {@code <resources-out>/dev/orez/sqlite/sqlite3.wasm}, with the native addon's compile-time options
 * (see {@link SqliteDefines}) and the C API a wrapper needs exported. Beside it, {@code sqlite3.properties} records
 * the package, the compiler and the module's SHA-256.
 *
 * <p>The output depends only on the tarball, the compiler and this code: sources are compiled in a fixed directory
 * whose path is mapped away, and neither clang nor wasm-ld writes timestamps. The step is skipped while a stamp shows
 * the same inputs.
 *
 * <p>orez's own C files ({@code --orez-sources}: the VFS and the entry points the hosts call) are compiled and linked
 * in beside the amalgamation.
 *
 * <p>Usage: {@code BuildSqlite --cache=DIR --orez-sources=DIR --work=DIR --resources-out=DIR}
 */
public final class BuildSqlite {
    private static final String SOURCES = "package/deps/sqlite3/";
    private static final String AMALGAMATION = SOURCES + "sqlite3.c";
    private static final String HEADER = SOURCES + "sqlite3.h";
    private static final String DEFINES = "package/deps/defines.gypi";

    private final Options options;
    private final TarballCache cache;
    private final NpmPackage sqlitePackage;
    private final Clang clang;
    private final PrintStream log;

    BuildSqlite(Options options, NpmRegistry registry, NpmPackage sqlitePackage, Clang clang, PrintStream log) {
        this.options = options;
        this.cache = new TarballCache(options.cache(), registry, log::println);
        this.sqlitePackage = sqlitePackage;
        this.clang = clang;
        this.log = log;
    }

    public static void main(String[] args) throws IOException {
        // No System.exit: exec:java runs this inside Maven's JVM; an exception fails the build with its message.
        new BuildSqlite(
                        Options.parse(args),
                        NpmRegistry.fromNpmConfig(),
                        PinnedPackages.ZERO_SQLITE3,
                        Clang.find(),
                        System.out)
                .run();
    }

    /** The command line: {@code --cache=DIR --orez-sources=DIR --work=DIR --resources-out=DIR}, all required. */
    record Options(Path cache, Path orezSources, Path work, Path resourcesOut) {
        private static final String USAGE =
                "usage: BuildSqlite --cache=DIR --orez-sources=DIR --work=DIR --resources-out=DIR";

        static Options parse(String... args) {
            Path cache = null;
            Path orezSources = null;
            Path work = null;
            Path resourcesOut = null;
            for (String arg : args) {
                if (arg.startsWith("--orez-sources=")) {
                    orezSources = Path.of(arg.substring("--orez-sources=".length()));
                } else if (arg.startsWith("--cache=")) {
                    cache = Path.of(arg.substring("--cache=".length()));
                } else if (arg.startsWith("--work=")) {
                    work = Path.of(arg.substring("--work=".length()));
                } else if (arg.startsWith("--resources-out=")) {
                    resourcesOut = Path.of(arg.substring("--resources-out=".length()));
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg + "; " + USAGE);
                }
            }
            if (cache == null || orezSources == null || work == null || resourcesOut == null) {
                throw new IllegalArgumentException(USAGE);
            }
            return new Options(cache, orezSources, work.toAbsolutePath(), resourcesOut);
        }

        Path wasm() {
            return resourcesOut.resolve("dev/orez/sqlite/sqlite3.wasm");
        }

        Path properties() {
            return resourcesOut.resolve("dev/orez/sqlite/sqlite3.properties");
        }

        Path stamp() {
            return work.resolve("build-sqlite.stamp");
        }
    }

    void run() throws IOException {
        SortedMap<String, byte[]> orezSources = orezSources();
        BuildStamp stamp = new BuildStamp(
                options.stamp(),
                List.of(
                        sqlitePackage + " " + sqlitePackage.integrity(),
                        "clang " + clang.version(),
                        "orez sources " + sha256(orezSources)),
                BuildSqlite.class);
        if (stamp.isCurrent(List.of(options.wasm(), options.properties()))) {
            log.println("sqlite3.wasm is up to date in " + options.wasm().getParent());
            return;
        }
        stamp.invalidate();

        SortedMap<String, byte[]> files = TarGz.readFiles(
                cache.fetch(sqlitePackage),
                name -> name.equals(AMALGAMATION) || name.equals(HEADER) || name.equals(DEFINES));
        for (String name : List.of(AMALGAMATION, HEADER, DEFINES)) {
            if (!files.containsKey(name)) {
                throw new IllegalStateException(sqlitePackage + " has no " + name);
            }
        }
        Path sources = options.work().resolve("src");
        Files.createDirectories(sources);
        Files.write(sources.resolve("sqlite3.c"), files.get(AMALGAMATION));
        Files.write(sources.resolve("sqlite3.h"), files.get(HEADER));
        List<Path> compiled = new ArrayList<>(List.of(sources.resolve("sqlite3.c")));
        for (Map.Entry<String, byte[]> source : orezSources.entrySet()) {
            Files.write(sources.resolve(source.getKey()), source.getValue());
            if (source.getKey().endsWith(".c")) {
                compiled.add(sources.resolve(source.getKey()));
            }
        }

        long start = System.nanoTime();
        Files.createDirectories(options.wasm().getParent());
        clang.compileReactor(
                options.work(),
                compiled,
                SqliteDefines.compilerArguments(files.get(DEFINES)),
                SqliteExports.NAMES,
                options.wasm());
        byte[] wasm = Files.readAllBytes(options.wasm());
        String sha256 = sha256(wasm);
        Files.writeString(options.properties(), properties(sha256), StandardCharsets.UTF_8);
        stamp.record();
        log.println(String.format(
                Locale.ROOT,
                "sqlite3.wasm: %d bytes, sha256 %s, built in %.1f s",
                wasm.length,
                sha256,
                (System.nanoTime() - start) / 1e9));
    }

    /** The {@code .c} and {@code .h} files of {@code --orez-sources}, by name. */
    private SortedMap<String, byte[]> orezSources() throws IOException {
        SortedMap<String, byte[]> sources = new TreeMap<>();
        try (Stream<Path> files = Files.list(options.orezSources())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".c") || name.endsWith(".h")) {
                    sources.put(name, Files.readAllBytes(file));
                }
            }
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("no C sources in " + options.orezSources());
        }
        return sources;
    }

    private static String sha256(SortedMap<String, byte[]> files) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            all.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            all.write(0);
            all.writeBytes(sha256(content).getBytes(StandardCharsets.US_ASCII));
        });
        return sha256(all.toByteArray());
    }

    private String properties(String sha256) {
        return "# The SQLite WebAssembly module and what it was built from.\n"
                + "package.name=" + sqlitePackage.name() + "\n"
                + "package.version=" + sqlitePackage.version() + "\n"
                + "package.integrity=" + sqlitePackage.integrity().value() + "\n"
                + "clang=" + clang.version() + "\n"
                + "sqlite3.wasm.sha256=" + sha256 + "\n";
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
