package dev.orez.wasm.build;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and encodes a type section made of plain function types ({@code 0x60 params results}),
 * which is all Emscripten emits. Anything else (GC rec groups, sub types, typed references inside a
 * signature) is refused: comparing those structurally needs more than byte equality.
 */
final class FunctionTypes {
    private static final int FUNC = 0x60;

    /** A function signature; value types are their one-byte codes, so records compare structurally. */
    record FuncType(List<Byte> params, List<Byte> results) {}

    private FunctionTypes() {}

    static List<FuncType> decode(byte[] typeSection) {
        var reader = new WasmReader(typeSection);
        int count = reader.u32();
        var types = new ArrayList<FuncType>(count);
        for (int i = 0; i < count; i++) {
            int form = reader.u8();
            if (form != FUNC) {
                throw new IllegalArgumentException(
                        String.format("type %d has form 0x%02X; only function types (0x60) are supported", i, form));
            }
            types.add(new FuncType(valueTypes(reader, i), valueTypes(reader, i)));
        }
        if (reader.hasMore()) {
            throw reader.malformed("type section continues after its " + count + " types");
        }
        return types;
    }

    static byte[] encode(List<FuncType> types) {
        var out = new WasmWriter().u32(types.size());
        for (var type : types) {
            out.u8(FUNC);
            writeValueTypes(out, type.params());
            writeValueTypes(out, type.results());
        }
        return out.toByteArray();
    }

    private static List<Byte> valueTypes(WasmReader reader, int typeIndex) {
        int count = reader.u32();
        var result = new ArrayList<Byte>(count);
        for (int i = 0; i < count; i++) {
            int code = reader.u8();
            if (!isSingleByteValueType(code)) {
                throw new IllegalArgumentException(String.format(
                        "type %d uses value type 0x%02X; only numeric, v128, funcref and externref are" + " supported",
                        typeIndex, code));
            }
            result.add((byte) code);
        }
        return List.copyOf(result);
    }

    private static void writeValueTypes(WasmWriter out, List<Byte> codes) {
        out.u32(codes.size());
        codes.forEach(code -> out.u8(code));
    }

    /** i32, i64, f32, f64, v128, funcref, externref: value types that carry no type index. */
    static boolean isSingleByteValueType(int code) {
        return (code >= 0x7B && code <= 0x7F) || code == 0x70 || code == 0x6F;
    }
}
