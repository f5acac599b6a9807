package dev.orez.sqlite;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The imports of module {@code orez} that sqlite3.wasm's own C code calls (see {@code wasm-build/sqlite/src/main/c}):
 * which process owns a lock marker, whether that process is still alive, and Unicode case mapping for lower()/upper().
 * Node's shim provides the same three functions in JavaScript.
 */
final class OrezHostFunctions {
    private static final long PROCESS_ID = ProcessHandle.current().pid();

    private OrezHostFunctions() {}

    static HostFunction[] all() {
        return new HostFunction[] {processId(), processAlive(), textCase()};
    }

    private static HostFunction processId() {
        return new HostFunction(
                "orez", "process_id", FunctionType.of(List.of(), List.of(ValType.I32)), (instance, args) ->
                        new long[] {PROCESS_ID});
    }

    private static HostFunction processAlive() {
        return new HostFunction(
                "orez",
                "process_alive",
                FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
                (instance, args) -> new long[] {
                    ProcessHandle.of(args[0]).map(ProcessHandle::isAlive).orElse(false) ? 1 : 0
                });
    }

    /** {@code text_case(upper, in, length, out, capacity) -> length of the result}, written only if it fits. */
    private static HostFunction textCase() {
        return new HostFunction(
                "orez",
                "text_case",
                FunctionType.of(
                        List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32)),
                (instance, args) -> {
                    Memory memory = instance.memory();
                    String text = new String(memory.readBytes((int) args[1], (int) args[2]), StandardCharsets.UTF_8);
                    String mapped = args[0] != 0 ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT);
                    byte[] bytes = mapped.getBytes(StandardCharsets.UTF_8);
                    if (bytes.length <= args[4]) {
                        memory.write((int) args[3], bytes);
                    }
                    return new long[] {bytes.length};
                });
    }
}
