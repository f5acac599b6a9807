package dev.orez.pglite.emscripten;

import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.Arrays;

/**
 * The {@code invoke_<signature>(tableIndex, args...)} imports through which Emscripten routes every call that
 * may longjmp. Each calls the table entry; a {@link LongJump} thrown below it is caught here, the stack
 * pointer restored and {@code __THREW__} set, so the guest's code after the call resumes at its setjmp.
 * A {@link ProcessExit} is not caught: it must reach whoever started the call.
 */
final class InvokeTrampolines {
    private final WasmProcess process;

    InvokeTrampolines(WasmProcess process) {
        this.process = process;
    }

    WasmFunctionHandle forType(FunctionType type) {
        boolean returnsValue = !type.returns().isEmpty();
        return (caller, args) -> {
            EmscriptenExports exports = process.exports();
            int stackPointer = exports.stackSave();
            try {
                long[] result = process.callTableEntry((int) args[0], Arrays.copyOfRange(args, 1, args.length));
                return returnsValue ? new long[] {result[0]} : null;
            } catch (LongJump jump) {
                exports.stackRestore(stackPointer);
                exports.setThrew(1, 0);
                return returnsValue ? new long[] {0} : null;
            }
        };
    }
}
