package dev.orez.pglite.emscripten;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmWriter;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.TypeSection;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Emscripten's {@code addFunction}: puts Java callbacks into the program's function table, where C code
 * calls them through function pointers. A Chicory table holds only (function, instance) pairs, so the
 * callbacks become the imports of a tiny generated module, re-exported and placed in the table.
 *
 * <p>The tiny module declares the program's own type section: Chicory checks a cross-instance
 * {@code call_indirect} by comparing type indices (see docs/chicory-defects.md, P1).
 */
public final class CallbackTable {
    private static final int SECTION_TYPE = 1;
    private static final int SECTION_IMPORT = 2;
    private static final int SECTION_EXPORT = 7;
    private static final int KIND_FUNCTION = 0;

    /** A callback and the C signature it is called with. */
    public record Callback(String name, FunctionType type, WasmFunctionHandle handle) {}

    private CallbackTable() {}

    /** Installs the callbacks at the end of the program's table and returns their table indices, in order. */
    public static int[] install(Instance program, List<Callback> callbacks) {
        TypeSection types = program.module().typeSection();
        List<ImportFunction> imports = new ArrayList<>();
        ByteArrayOutputStream importSection = new ByteArrayOutputStream();
        ByteArrayOutputStream exportSection = new ByteArrayOutputStream();
        WasmWriter.writeVarUInt32(importSection, callbacks.size());
        WasmWriter.writeVarUInt32(exportSection, callbacks.size());
        for (int i = 0; i < callbacks.size(); i++) {
            Callback callback = callbacks.get(i);
            writeName(importSection, "host");
            writeName(importSection, callback.name());
            importSection.write(KIND_FUNCTION);
            WasmWriter.writeVarUInt32(importSection, typeIndex(types, callback.type()));
            writeName(exportSection, callback.name());
            exportSection.write(KIND_FUNCTION);
            WasmWriter.writeVarUInt32(exportSection, i);
            imports.add(new HostFunction("host", callback.name(), callback.type(), callback.handle()));
        }
        WasmWriter writer = new WasmWriter();
        writer.writeSection(SECTION_TYPE, encodeTypes(types));
        writer.writeSection(SECTION_IMPORT, importSection.toByteArray());
        writer.writeSection(SECTION_EXPORT, exportSection.toByteArray());
        Instance callbackModule = Instance.builder(Parser.parse(writer.bytes()))
                .withImportValues(ImportValues.builder().withFunctions(imports).build())
                .build();

        TableInstance table = program.table(0);
        int first = table.grow(callbacks.size(), 0, program);
        if (first < 0) {
            throw new IllegalStateException("cannot grow the function table for callbacks");
        }
        int[] indices = new int[callbacks.size()];
        for (int i = 0; i < callbacks.size(); i++) {
            table.setRef(first + i, i, callbackModule);
            indices[i] = first + i;
        }
        return indices;
    }

    private static int typeIndex(TypeSection types, FunctionType type) {
        for (int i = 0; i < types.typeCount(); i++) {
            if (types.getType(i).equals(type)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the program declares no function type " + type);
    }

    private static byte[] encodeTypes(TypeSection types) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasmWriter.writeVarUInt32(out, types.typeCount());
        for (int i = 0; i < types.typeCount(); i++) {
            FunctionType type = types.getType(i);
            out.write(0x60);
            writeValueTypes(out, type.params());
            writeValueTypes(out, type.returns());
        }
        return out.toByteArray();
    }

    private static void writeValueTypes(ByteArrayOutputStream out, List<ValType> valueTypes) {
        WasmWriter.writeVarUInt32(out, valueTypes.size());
        for (ValType valueType : valueTypes) {
            out.write(valueType.opcode());
        }
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        WasmWriter.writeVarUInt32(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }
}
