package dev.orez.pglite;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.orez.pglite.emscripten.CallbackTable;
import dev.orez.pglite.emscripten.GuestAbort;
import dev.orez.pglite.emscripten.HostLinker;
import dev.orez.pglite.emscripten.PositionIndependentMain;
import dev.orez.pglite.emscripten.WasmProcess;
import dev.orez.pglite.fs.FileImage;
import dev.orez.pglite.fs.FileSystem;
import dev.orez.pglite.fs.OutputStreamFile;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One run of pg_dump.wasm (from pglite-tools), set up as its JS glue sets it up: the postgres user's environment,
 * data relocations and constructors run, and libpq's socket reads and writes handed to two host callbacks (PGlite's
 * build routes {@code recv}/{@code send} there; {@code connect} does nothing and {@code poll} is always ready). A new
 * instance per run, since pg_dump is a process. Not thread safe: construct and run it on one thread.
 */
final class PgDumpProgram {
    private static final String PROGRAM = "/pglite/bin/pg_dump";
    private static final FunctionType POINTER_LENGTH_TO_INT =
            FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));

    private final ServerLink server;
    private final OutputStreamFile stdout;
    private final WasmProcess process;
    private byte[] readBuffer = new byte[0];
    private boolean lastReadEmpty;
    private IOException linkFailure;

    PgDumpProgram(ServerLink server, OutputStream out, Map<String, String> environment, Consumer<String> stderr) {
        this.server = server;
        this.stdout = new OutputStreamFile("/dev/stdout", out);
        // The distribution image gives pg_dump /dev/urandom (its \restrict key), /tmp and a home directory.
        process = new WasmProcess("pg_dump", FileSystem.withImage(FileImage.fromClasspath()), stdout, stderr);
        process.environment()
                .putAll(Map.of(
                        "HOME", "/home/postgres",
                        "USER", "postgres",
                        "LOGNAME", "postgres",
                        "_", PROGRAM,
                        // The image's .pgpass is world-readable (chmod is a no-op here), so libpq would only warn
                        // about it and skip it; passwords come from PGPASSWORD.
                        "PGPASSFILE", "/nonexistent/.pgpass"));
        process.environment().putAll(environment);

        WasmModule module = PgliteModules.pgDump();
        HostLinker host = new HostLinker(process, true, true);
        host.add(new HostFunction[] {undefinedEncodingName()});
        Instance instance = Instance.builder(module)
                .withImportValues(host.importsFor(module, "pg_dump.wasm", PositionIndependentMain.imports(module)))
                .withMachineFactory(PgliteModules.pgDumpMachines())
                .build();
        process.bind(instance);
        instance.export("__wasm_apply_data_relocs").apply();
        instance.export("__wasm_call_ctors").apply();
        int[] slots = CallbackTable.install(
                instance,
                List.of(
                        new CallbackTable.Callback("recv", POINTER_LENGTH_TO_INT, (caller, args) ->
                                new long[] {read((int) args[0], (int) args[1])}),
                        new CallbackTable.Callback("send", POINTER_LENGTH_TO_INT, (caller, args) ->
                                new long[] {write((int) args[0], (int) args[1])})));
        instance.export("pgl_set_rw_cbs").apply(slots[0], slots[1]);
    }

    /**
     * The build leaves {@code pg_encoding_to_char} undefined (two functions call it) and its JS glue cannot supply
     * it either: there the call would recurse until the stack overflows. No dump reaches it; should one ever do,
     * it fails with this name instead of printing a wrong encoding.
     */
    private HostFunction undefinedEncodingName() {
        return new HostFunction(
                "env",
                "pg_encoding_to_char",
                FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
                (caller, args) -> {
                    throw new GuestAbort(
                            "pg_dump called pg_encoding_to_char, which pg_dump.wasm leaves undefined",
                            process.recentStderr());
                });
    }

    /** Runs {@code pg_dump args...} to its exit and returns its status. */
    int run(List<String> arguments) {
        try {
            return process.callMain(PROGRAM, arguments);
        } finally {
            process.fds().closeAll();
        }
    }

    /** The last lines pg_dump wrote to stderr. */
    String recentStderr() {
        return process.recentStderr();
    }

    /** Why the output stream failed, or null. */
    IOException outputFailure() {
        return stdout.failure();
    }

    /** Why the connection failed, or null. */
    IOException linkFailure() {
        return linkFailure;
    }

    /**
     * libpq reads once and, only when that returned nothing, polls (always "ready" here) and reads again, taking a
     * second 0 as the server having closed the connection. So a read returns what has arrived without waiting,
     * unless the read before it found nothing too: then libpq really needs data, and waits for it.
     */
    private int read(int address, int max) {
        if (readBuffer.length < max) {
            readBuffer = new byte[max];
        }
        int n = 0;
        if (linkFailure == null) {
            try {
                n = lastReadEmpty ? server.readWaiting(readBuffer, max) : server.readAvailable(readBuffer, max);
            } catch (IOException e) {
                linkFailure = e;
            }
        }
        lastReadEmpty = n == 0;
        process.memory().write(address, readBuffer, 0, n);
        return n;
    }

    /** After a failure the bytes are dropped: the next reads report the server gone, and pg_dump says so. */
    private int write(int address, int length) {
        if (linkFailure == null) {
            try {
                server.write(process.memory().readBytes(address, length));
            } catch (IOException e) {
                linkFailure = e;
            }
        }
        return length;
    }
}
