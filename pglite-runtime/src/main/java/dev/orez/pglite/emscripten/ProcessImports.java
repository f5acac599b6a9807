package dev.orez.pglite.emscripten;

import com.dylibso.chicory.annotations.HostModule;
import com.dylibso.chicory.annotations.WasmExport;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Memory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Process life cycle, longjmp, environment and entropy. */
@HostModule("env")
public final class ProcessImports {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WasmProcess process;
    private final boolean runsAtexitHandlersOnExit;
    private boolean exiting;

    /**
     * @param runsAtexitHandlersOnExit true for an ordinary program (initdb), whose {@code exit} must flush
     *     stdio and run atexit handlers as Emscripten's {@code exitRuntime} does; false for the PGlite backend,
     *     where {@code exit(100)} is PGlite's own longjmp back to the main loop and must not tear anything down
     */
    public ProcessImports(WasmProcess process, boolean runsAtexitHandlersOnExit) {
        this.process = process;
        this.runsAtexitHandlersOnExit = runsAtexitHandlersOnExit;
    }

    public HostFunction[] toHostFunctions() {
        return ProcessImports_ModuleFactory.toHostFunctions(this);
    }

    @WasmExport("_emscripten_throw_longjmp")
    public void throwLongjmp() {
        throw LongJump.INSTANCE;
    }

    @WasmExport("exit")
    public void exit(int status) {
        if (runsAtexitHandlersOnExit && !exiting) {
            exiting = true;
            process.instance().export("__funcs_on_exit").apply();
            process.instance().export("fflush").apply(0);
        }
        throw new ProcessExit(status);
    }

    @WasmExport("proc_exit")
    public void procExit(int status) {
        throw new ProcessExit(status);
    }

    @WasmExport("_abort_js")
    public void abort() {
        throw new GuestAbort(process.name() + " called abort()", process.recentStderr());
    }

    @WasmExport("__assert_fail")
    public void assertFail(int condition, int file, int line, int function) {
        throw new GuestAbort(
                "assertion failed in " + process.name() + ": " + process.readCString(condition) + " at "
                        + process.readCString(file) + ":" + line + " (" + process.readCString(function) + ")",
                process.recentStderr());
    }

    /**
     * In the browser this returns to the event loop with the program kept alive. A program run to completion
     * here has no event loop, and treating it as an exit could end a dump early with status 0.
     */
    @WasmExport("emscripten_exit_with_live_runtime")
    public void exitWithLiveRuntime() {
        throw new GuestAbort(process.name() + " called emscripten_exit_with_live_runtime", process.recentStderr());
    }

    @WasmExport("_emscripten_runtime_keepalive_clear")
    public void keepaliveClear() {}

    @WasmExport("sched_yield")
    public int schedYield() {
        return 0;
    }

    /** A signal handler invoked by the guest's raise(): a plain call through the function table. */
    @WasmExport("__call_sighandler")
    public void callSignalHandler(int handler, int signal) {
        var table = process.instance().table(0);
        var target = table.instance(handler);
        (target == null ? process.instance() : target).getMachine().call(table.requiredRef(handler), new long[] {signal
        });
    }

    @WasmExport("environ_sizes_get")
    public int environSizesGet(int countOut, int sizeOut) {
        List<byte[]> entries = environmentEntries();
        int size = 0;
        for (byte[] entry : entries) {
            size += entry.length + 1;
        }
        process.memory().writeI32(countOut, entries.size());
        process.memory().writeI32(sizeOut, size);
        return 0;
    }

    @WasmExport("environ_get")
    public int environGet(int pointers, int buffer) {
        Memory memory = process.memory();
        for (byte[] entry : environmentEntries()) {
            memory.writeI32(pointers, buffer);
            pointers += 4;
            memory.write(buffer, entry);
            memory.writeByte(buffer + entry.length, (byte) 0);
            buffer += entry.length + 1;
        }
        return 0;
    }

    private List<byte[]> environmentEntries() {
        List<byte[]> entries = new ArrayList<>();
        for (Map.Entry<String, String> variable : process.environment().entrySet()) {
            entries.add((variable.getKey() + "=" + variable.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        return entries;
    }

    @WasmExport("random_get")
    public int randomGet(int buffer, int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        process.memory().write(buffer, bytes);
        return 0;
    }
}
