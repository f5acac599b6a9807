package dev.orez.wasm.build;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny WebAssembly assembler for tests: it emits the binary format directly, with its own LEB128
 * encoding, so tests do not rely on the code they test to build their inputs. Declare imports before
 * functions; function indices count function imports first, as in the binary format.
 */
final class TestModule {
    static final int I32 = 0x7F;
    static final int I64 = 0x7E;
    static final int FUNCREF = 0x70;

    private final List<byte[]> leadingCustomSections = new ArrayList<>();
    private final List<byte[]> types = new ArrayList<>();
    private final List<byte[]> imports = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<byte[]> tables = new ArrayList<>();
    private final List<byte[]> memories = new ArrayList<>();
    private final List<byte[]> tags = new ArrayList<>();
    private final List<byte[]> exports = new ArrayList<>();
    private final List<byte[]> elements = new ArrayList<>();
    private int functionImports;

    static int[] params(int... valueTypes) {
        return valueTypes;
    }

    static int[] results(int... valueTypes) {
        return valueTypes;
    }

    /** Adds a function type and returns its index. */
    int type(int[] params, int[] results) {
        var out = new Bytes().u8(0x60).u32(params.length);
        for (int p : params) {
            out.u8(p);
        }
        out.u32(results.length);
        for (int r : results) {
            out.u8(r);
        }
        types.add(out.toArray());
        return types.size() - 1;
    }

    /** A custom section that is emitted before every other section, as dylink.0 is. */
    TestModule leadingCustomSection(String name, byte[] content) {
        leadingCustomSections.add(new Bytes().name(name).raw(content).toArray());
        return this;
    }

    int importFunction(String module, String name, int type) {
        if (!bodies.isEmpty()) {
            throw new IllegalStateException("declare imports before functions");
        }
        imports.add(new Bytes().name(module).name(name).u8(0x00).u32(type).toArray());
        return functionImports++;
    }

    TestModule importMemory(String module, String name, int minPages) {
        imports.add(new Bytes()
                .name(module)
                .name(name)
                .u8(0x02)
                .u8(0x00)
                .u32(minPages)
                .toArray());
        return this;
    }

    TestModule importTable(String module, String name, int min) {
        imports.add(new Bytes()
                .name(module)
                .name(name)
                .u8(0x01)
                .u8(FUNCREF)
                .u8(0x00)
                .u32(min)
                .toArray());
        return this;
    }

    /** A function without locals; {@code code} is its instructions without the final end. */
    int function(int type, int... code) {
        return functionWithLocals(type, 0, code);
    }

    /** A function with {@code i32Locals} i32 locals after its parameters. */
    int functionWithLocals(int type, int i32Locals, int... code) {
        var body = new Bytes();
        if (i32Locals == 0) {
            body.u32(0);
        } else {
            body.u32(1).u32(i32Locals).u8(I32);
        }
        for (int b : code) {
            body.u8(b);
        }
        functionTypes.add(type);
        bodies.add(body.u8(0x0B).toArray());
        return functionImports + bodies.size() - 1;
    }

    TestModule table(int min) {
        tables.add(new Bytes().u8(FUNCREF).u8(0x00).u32(min).toArray());
        return this;
    }

    TestModule memory(int minPages) {
        memories.add(new Bytes().u8(0x00).u32(minPages).toArray());
        return this;
    }

    /** An exception tag whose payload is the parameters of {@code type}. */
    TestModule tag(int type) {
        tags.add(new Bytes().u8(0x00).u32(type).toArray());
        return this;
    }

    TestModule exportFunction(String name, int function) {
        exports.add(new Bytes().name(name).u8(0x00).u32(function).toArray());
        return this;
    }

    TestModule exportTable(String name, int table) {
        exports.add(new Bytes().name(name).u8(0x01).u32(table).toArray());
        return this;
    }

    /** An active element segment for table 0 placing {@code functions} from slot {@code offset}. */
    TestModule elements(int offset, int... functions) {
        var out = new Bytes().u32(0).u8(0x41).s64(offset).u8(0x0B).u32(functions.length);
        for (int f : functions) {
            out.u32(f);
        }
        elements.add(out.toArray());
        return this;
    }

    byte[] build() {
        var module = new Bytes().raw(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        for (byte[] custom : leadingCustomSections) {
            module.u8(0).u32(custom.length).raw(custom);
        }
        section(module, 1, types);
        section(module, 2, imports);
        var functionSection = new ArrayList<byte[]>();
        for (int type : functionTypes) {
            functionSection.add(new Bytes().u32(type).toArray());
        }
        section(module, 3, functionSection);
        section(module, 4, tables);
        section(module, 5, memories);
        section(module, 13, tags);
        section(module, 7, exports);
        section(module, 9, elements);
        var code = new ArrayList<byte[]>();
        for (byte[] body : bodies) {
            code.add(new Bytes().u32(body.length).raw(body).toArray());
        }
        section(module, 10, code);
        return module.toArray();
    }

    private static void section(Bytes module, int id, List<byte[]> entries) {
        if (entries.isEmpty()) {
            return;
        }
        var content = new Bytes().u32(entries.size());
        entries.forEach(content::raw);
        byte[] bytes = content.toArray();
        module.u8(id).u32(bytes.length).raw(bytes);
    }

    /** The signed LEB128 of {@code value}, for writing i32.const/i64.const immediates into code. */
    static int[] sleb(long value) {
        return toInts(new Bytes().s64(value).toArray());
    }

    /** The unsigned LEB128 of {@code value}. */
    static int[] uleb(int value) {
        return toInts(new Bytes().u32(value).toArray());
    }

    /** The raw little-endian IEEE 754 bytes of an f32.const immediate. */
    static int[] f32(float value) {
        int bits = Float.floatToRawIntBits(value);
        return new int[] {bits & 0xFF, (bits >>> 8) & 0xFF, (bits >>> 16) & 0xFF, bits >>> 24};
    }

    /** The raw little-endian IEEE 754 bytes of an f64.const immediate. */
    static int[] f64(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int[] result = new int[8];
        for (int i = 0; i < 8; i++) {
            result[i] = (int) ((bits >>> (8 * i)) & 0xFF);
        }
        return result;
    }

    /** Concatenates instruction fragments into one code array. */
    static int[] code(Object... parts) {
        var out = new ArrayList<Integer>();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.add(b);
            } else if (part instanceof int[] bytes) {
                for (int b : bytes) {
                    out.add(b);
                }
            } else {
                throw new IllegalArgumentException("not a byte or byte array: " + part);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] toInts(byte[] bytes) {
        int[] result = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            result[i] = bytes[i] & 0xFF;
        }
        return result;
    }

    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int b) {
            out.write(b);
            return this;
        }

        Bytes u32(int value) {
            long rest = Integer.toUnsignedLong(value);
            while (rest >= 0x80) {
                out.write((int) (rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            out.write((int) rest);
            return this;
        }

        Bytes s64(long value) {
            while (value < -64 || value >= 64) {
                out.write((int) (value & 0x7F) | 0x80);
                value >>= 7;
            }
            out.write((int) (value & 0x7F));
            return this;
        }

        Bytes name(String name) {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            return u32(utf8.length).raw(utf8);
        }

        Bytes raw(byte[] bytes) {
            out.write(bytes, 0, bytes.length);
            return this;
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
