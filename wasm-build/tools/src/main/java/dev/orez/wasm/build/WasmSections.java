package dev.orez.wasm.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits a WebAssembly module into its sections and joins sections back into a module. */
final class WasmSections {
    static final int CUSTOM = 0;
    static final int TYPE = 1;
    static final int IMPORT = 2;
    static final int FUNCTION = 3;
    static final int TABLE = 4;
    static final int MEMORY = 5;
    static final int GLOBAL = 6;
    static final int EXPORT = 7;
    static final int START = 8;
    static final int ELEMENT = 9;
    static final int CODE = 10;
    static final int DATA = 11;
    static final int DATA_COUNT = 12;
    static final int TAG = 13;

    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    /** One section as it appears in the binary: its id and its contents without the size prefix. */
    record Section(int id, byte[] content) {}

    private WasmSections() {}

    static List<Section> split(byte[] module) {
        if (module.length < HEADER.length || !Arrays.equals(module, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            throw new IllegalArgumentException("not a version 1 wasm binary module");
        }
        var reader = new WasmReader(module, HEADER.length, module.length);
        var sections = new ArrayList<Section>();
        while (reader.hasMore()) {
            int id = reader.u8();
            sections.add(new Section(id, reader.bytes(reader.u32())));
        }
        return sections;
    }

    static byte[] join(List<Section> sections) {
        var out = new WasmWriter().bytes(HEADER);
        for (var section : sections) {
            out.u8(section.id()).sized(section.content());
        }
        return out.toByteArray();
    }

    /** The contents of the first section with this id, or null when the module has none. */
    static byte[] find(List<Section> sections, int id) {
        return sections.stream()
                .filter(s -> s.id() == id)
                .map(Section::content)
                .findFirst()
                .orElse(null);
    }

    /** The function bodies of a code section, each without its size prefix (locals, then code). */
    static List<byte[]> codeBodies(byte[] codeSection) {
        var reader = new WasmReader(codeSection);
        int count = reader.u32();
        var bodies = new ArrayList<byte[]>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(reader.bytes(reader.u32()));
        }
        if (reader.hasMore()) {
            throw reader.malformed("code section continues after its " + count + " bodies");
        }
        return bodies;
    }

    static byte[] codeSection(List<byte[]> bodies) {
        var out = new WasmWriter().u32(bodies.size());
        bodies.forEach(out::sized);
        return out.toByteArray();
    }
}
