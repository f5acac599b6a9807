package dev.orez.pglite.emscripten;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableImport;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import java.util.List;

/**
 * The memory, table and globals an Emscripten main module linked as position-independent code (MAIN_MODULE, as
 * pg_dump.wasm is) imports instead of defining. Emscripten's JS glue fills them with numbers fixed at link time;
 * they follow from the module itself: all its data, BSS included, is one active segment at {@code __memory_base},
 * the stack comes right after it (growing down), and the heap starts where the stack starts.
 */
public final class PositionIndependentMain {
    /** Emscripten's GLOBAL_BASE: the first 1 KiB stays unused, so a null pointer never hits data. */
    private static final int MEMORY_BASE = 1024;
    /** Table slot 0 stays empty, so a call through a null function pointer traps. */
    private static final int TABLE_BASE = 1;
    /** Emscripten's default STACK_SIZE, which pg_dump's glue was linked with. */
    private static final int STACK_SIZE = 64 * 1024;

    private static final int STACK_ALIGNMENT = 16;

    private PositionIndependentMain() {}

    /** A fresh memory, table and globals for one instance of {@code module}. */
    public static ImportValues imports(WasmModule module) {
        ImportValues.Builder imports = ImportValues.builder();
        int stackHigh = align(MEMORY_BASE + dataSize(module), STACK_ALIGNMENT) + STACK_SIZE;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imported = module.importSection().getImport(i);
            String name = imported.module() + "." + imported.name();
            if (imported instanceof MemoryImport memory) {
                int maximum = Math.min(memory.limits().maximumPages(), MemoryImports.MAX_PAGES);
                imports.addMemory(new ImportMemory(
                        imported.module(),
                        imported.name(),
                        new ByteArrayMemory(new MemoryLimits(memory.limits().initialPages(), maximum))));
            } else if (imported instanceof TableImport table) {
                long size = table.limits().min() + TABLE_BASE; // the module's slots start at __table_base
                imports.addTable(new ImportTable(
                        imported.module(),
                        imported.name(),
                        new TableInstance(new Table(ValType.FuncRef, new TableLimits(size)), Value.REF_NULL_VALUE)));
            } else if (imported instanceof GlobalImport) {
                switch (name) {
                    case "env.__memory_base" -> imports.addGlobal(global(imported, MEMORY_BASE, MutabilityType.Const));
                    case "env.__table_base" -> imports.addGlobal(global(imported, TABLE_BASE, MutabilityType.Const));
                    case "env.__stack_pointer", "GOT.mem.__heap_base" ->
                        imports.addGlobal(global(imported, stackHigh, MutabilityType.Var));
                    default -> {
                        // left out: HostLinker reports it as missing
                    }
                }
            }
        }
        return imports.build();
    }

    private static ImportGlobal global(Import imported, int value, MutabilityType mutability) {
        return new ImportGlobal(imported.module(), imported.name(), new GlobalInstance(Value.i32(value), mutability));
    }

    /** The length of the one data segment, which the linker placed at {@code global.get __memory_base}. */
    private static int dataSize(WasmModule module) {
        if (module.dataSection().dataSegmentCount() != 1
                || !(module.dataSection().getDataSegment(0) instanceof ActiveDataSegment segment)
                || !isMemoryBase(module, segment.offsetInstructions())) {
            throw new IllegalArgumentException("not the data layout of an Emscripten position-independent main"
                    + " module: expected one data segment at __memory_base");
        }
        return segment.data().length;
    }

    private static boolean isMemoryBase(WasmModule module, List<Instruction> offset) {
        if (offset.size() != 1 || offset.get(0).opcode() != OpCode.GLOBAL_GET) {
            return false;
        }
        int global = 0;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imported = module.importSection().getImport(i);
            if (imported instanceof GlobalImport) {
                if (imported.module().equals("env") && imported.name().equals("__memory_base")) {
                    return offset.get(0).operand(0) == global;
                }
                global++;
            }
        }
        return false;
    }

    private static int align(int value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }
}
