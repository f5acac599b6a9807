package dev.orez.pglite;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import dev.orez.pglite.emscripten.CallbackTable;
import dev.orez.pglite.emscripten.DynamicLinker;
import dev.orez.pglite.emscripten.HostLinker;
import dev.orez.pglite.emscripten.MemoryImports;
import dev.orez.pglite.emscripten.WasmProcess;
import java.util.List;
import java.util.Map;

/**
 * pglite.wasm instantiated and initialized as the JS glue's {@code preRun} and {@code onRuntimeInitialized}
 * leave it: environment set, constructors run, the five JS callbacks in the table. Not yet started.
 */
final class PgliteProcess {
    /** Bytes in and out of the backend: the socket PGlite's libpq layer reads from and writes to. */
    interface Channel {
        int read(int address, int max);

        int write(int address, int length);
    }

    private static final FunctionType I32_TO_I32 = FunctionType.of(List.of(ValType.I32), List.of(ValType.I32));
    private static final FunctionType I32_I32_TO_I32 =
            FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
    private static final int INITIAL_PAGES = 2048; // 128 MiB, as PGlite asks for

    private final WasmProcess process;
    private final Instance instance;
    private int localeList; // FILE* of the open "locale -a" output

    PgliteProcess(WasmProcess process, Map<String, String> environment, Channel channel) {
        this.process = process;
        process.environment().putAll(environment);
        WasmModule module = PgliteModules.pglite();
        HostLinker host = new HostLinker(process, false);
        host.add(new DynamicLinker(process, host).toHostFunctions());
        Memory memory = new ByteArrayMemory(new MemoryLimits(INITIAL_PAGES, MemoryImports.MAX_PAGES));
        this.instance = Instance.builder(module)
                .withImportValues(host.importsFor(
                        module,
                        "pglite.wasm",
                        ImportValues.builder()
                                .addMemory(new ImportMemory("env", "memory", memory))
                                .build()))
                .withMachineFactory(PgliteModules.pgliteMachines())
                .withInitialize(true)
                .withStart(true)
                .build();
        process.bind(instance);
        instance.export("__wasm_call_ctors").apply();
        int[] slots = CallbackTable.install(
                instance,
                List.of(
                        callback("system", I32_TO_I32, args -> 1), // no shell: system() fails
                        callback(
                                "popen",
                                I32_I32_TO_I32,
                                args -> popen(process.readCString((int) args[0]), process.readCString((int) args[1]))),
                        callback("pclose", I32_TO_I32, args -> pclose((int) args[0])),
                        callback("read", I32_I32_TO_I32, args -> channel.read((int) args[0], (int) args[1])),
                        callback("write", I32_I32_TO_I32, args -> channel.write((int) args[0], (int) args[1]))));
        instance.export("pgl_set_system_fn").apply(slots[0]);
        instance.export("pgl_set_popen_fn").apply(slots[1]);
        instance.export("pgl_set_pclose_fn").apply(slots[2]);
        instance.export("pgl_set_rw_cbs").apply(slots[3], slots[4]);
    }

    /**
     * The only command Postgres runs through popen is {@code locale -a} (collation import); PGlite ships its
     * output as a file. Anything else fails as if the command could not be run.
     */
    private int popen(String command, String mode) {
        if (!command.startsWith("locale -a") || !mode.equals("r")) {
            return 0;
        }
        int stack = process.exports().stackSave();
        try {
            localeList = (int) instance.export("fopen")
                    .apply(process.stackString("/pglite/locale-a"), process.stackString("r"))[0];
            return localeList;
        } finally {
            process.exports().stackRestore(stack);
        }
    }

    private int pclose(int stream) {
        if (stream == 0 || stream != localeList) {
            return -1;
        }
        instance.export("fclose").apply(stream);
        localeList = 0;
        return 0;
    }

    private static CallbackTable.Callback callback(
            String name, FunctionType type, java.util.function.ToIntFunction<long[]> body) {
        WasmFunctionHandle handle = (caller, args) -> new long[] {body.applyAsInt(args)};
        return new CallbackTable.Callback(name, type, handle);
    }

    WasmProcess process() {
        return process;
    }

    Instance instance() {
        return instance;
    }
}
