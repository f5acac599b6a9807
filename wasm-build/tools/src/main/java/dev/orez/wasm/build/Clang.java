package dev.orez.wasm.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's clang with its WASI sysroot (wasi-libc under {@code /usr}) and wasm32 compiler runtime: compiles C files
 * to a WASI reactor module, a library without {@code main} whose {@code _initialize} the host calls once.
 */
final class Clang {
    static final String PACKAGES = "clang lld wasi-libc libclang-rt-14-dev-wasm32";
    private static final String SYSROOT = "/usr";
    /** SQLite's parser and query planner recurse; wasm-ld's default 64 KiB shadow stack is too small for deep SQL. */
    private static final int STACK_BYTES = 1 << 20;

    private final String version;

    private Clang(String version) {
        this.version = version;
    }

    /** The installed clang, or a failure naming the Debian packages to install. */
    static Clang find() throws IOException {
        String version;
        try {
            version = run(List.of("clang", "--version"), Path.of("."))
                    .lines()
                    .findFirst()
                    .orElse("");
        } catch (IOException e) {
            throw new IOException("clang is not installed: " + e.getMessage() + "; " + installHint(), e);
        }
        if (!Files.isRegularFile(Path.of(SYSROOT, "lib/wasm32-wasi/libc.a"))) {
            throw new IOException(
                    "wasi-libc is not installed (no " + SYSROOT + "/lib/wasm32-wasi/libc.a); " + installHint());
        }
        return new Clang(version);
    }

    private static String installHint() {
        return "install the WebAssembly toolchain with: apt-get install -y " + PACKAGES;
    }

    /** The first line of {@code clang --version}, which names the exact compiler build. */
    String version() {
        return version;
    }

    /**
     * Compiles {@code sources} (all inside {@code work}, headers beside them) with the given defines and links them
     * into a reactor exporting {@code exports}. Paths are given relative to {@code work} and {@code work} is mapped to
     * {@code .}, so the module does not depend on where the build runs.
     */
    void compileReactor(Path work, List<Path> sources, List<String> defines, List<String> exports, Path output)
            throws IOException {
        List<String> objects = new ArrayList<>();
        for (Path source : sources) {
            String name = source.getFileName().toString();
            String object = work.relativize(source.resolveSibling(name.replaceFirst("\\.c$", ".o")))
                    .toString();
            List<String> compile = new ArrayList<>(target());
            compile.addAll(List.of("-O2", "-g0", "-w", "-DNDEBUG", "-ffile-prefix-map=" + work + "=."));
            compile.addAll(defines);
            compile.addAll(List.of("-c", work.relativize(source).toString(), "-o", object));
            run(compile, work);
            objects.add(object);
        }

        List<String> link = new ArrayList<>(target());
        link.addAll(List.of("-mexec-model=reactor", "-Wl,--strip-debug", "-Wl,-z,stack-size=" + STACK_BYTES));
        for (String name : exports) {
            link.add("-Wl,--export=" + name);
        }
        link.addAll(objects);
        link.addAll(List.of("-o", output.toAbsolutePath().toString()));
        run(link, work);
    }

    private static List<String> target() {
        return List.of("clang", "--target=wasm32-wasi", "--sysroot=" + SYSROOT);
    }

    /** Runs the command and returns its output; a non-zero exit fails with the command and its output. */
    private static String run(List<String> command, Path directory) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + exit + ":\n" + output);
        }
        return output;
    }
}
