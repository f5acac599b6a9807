package dev.orez.wasm.build;

import dev.orez.wasm.build.WasmSections.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * Renumbers every type index of a module through a map (old index to new index), section by section.
 * The type section itself is left alone: whoever owns the map decides what the new table is.
 */
final class TypeIndexRewriter {
    private static final int FUNCTION_IMPORT = 0x00;
    private static final int TABLE_IMPORT = 0x01;
    private static final int MEMORY_IMPORT = 0x02;
    private static final int GLOBAL_IMPORT = 0x03;
    private static final int TAG_IMPORT = 0x04;
    private static final int TABLE_WITH_INITIALISER = 0x40;

    private final int[] typeMap;
    private int functionImports;

    private TypeIndexRewriter(int[] typeMap) {
        this.typeMap = typeMap;
    }

    static List<Section> rewrite(List<Section> sections, int[] typeMap) {
        var rewriter = new TypeIndexRewriter(typeMap);
        var result = new ArrayList<Section>(sections.size());
        for (var section : sections) {
            result.add(new Section(section.id(), rewriter.section(section)));
        }
        return result;
    }

    private byte[] section(Section section) {
        byte[] content = section.content();
        return switch (section.id()) {
            // Custom sections (dylink.0, names, ...) and these hold no type index.
            case WasmSections.CUSTOM,
                    WasmSections.TYPE,
                    WasmSections.MEMORY,
                    WasmSections.EXPORT,
                    WasmSections.START,
                    WasmSections.DATA_COUNT -> content;
            case WasmSections.IMPORT -> entries(content, this::importEntry);
            case WasmSections.FUNCTION -> entries(content, (cursor, index) -> cursor.typeIndex());
            case WasmSections.TAG -> entries(content, this::tag);
            case WasmSections.TABLE -> entries(content, this::table);
            case WasmSections.GLOBAL -> entries(content, this::global);
            case WasmSections.ELEMENT -> entries(content, this::elementSegment);
            case WasmSections.DATA -> entries(content, this::dataSegment);
            case WasmSections.CODE -> code(content);
            default -> throw new IllegalArgumentException("unknown section id " + section.id());
        };
    }

    private interface Entry {
        void read(TypeIndexCursor cursor, int index);
    }

    /** A vector section: a count, then that many entries. */
    private byte[] entries(byte[] content, Entry entry) {
        var cursor = new TypeIndexCursor(content, typeMap);
        int count = cursor.in().u32();
        for (int i = 0; i < count; i++) {
            entry.read(cursor, i);
        }
        return cursor.finish();
    }

    private void importEntry(TypeIndexCursor cursor, int index) {
        var in = cursor.in();
        in.name();
        in.name();
        int kind = in.u8();
        switch (kind) {
            case FUNCTION_IMPORT -> {
                cursor.typeIndex();
                functionImports++;
            }
            case TABLE_IMPORT -> tableType(cursor);
            case MEMORY_IMPORT -> limits(in);
            case GLOBAL_IMPORT -> globalType(cursor);
            case TAG_IMPORT -> tag(cursor, index);
            default -> throw in.malformed("import " + index + " has unknown kind " + kind);
        }
    }

    /** A tag: an attribute byte (0 = exception) and the type index of its payload signature. */
    private void tag(TypeIndexCursor cursor, int index) {
        cursor.in().u8();
        cursor.typeIndex();
    }

    private void table(TypeIndexCursor cursor, int index) {
        var in = cursor.in();
        if (in.peek() == TABLE_WITH_INITIALISER) { // typed function references: 0x40 0x00 type init
            in.u8();
            in.u8();
            tableType(cursor);
            InstructionWalker.constantExpression(cursor, "table " + index + " initialiser");
        } else {
            tableType(cursor);
        }
    }

    private void global(TypeIndexCursor cursor, int index) {
        globalType(cursor);
        InstructionWalker.constantExpression(cursor, "global " + index + " initialiser");
    }

    /**
     * The eight element segment encodings: bit 0 passive/declarative, bit 1 explicit table index (or
     * declarative), bit 2 items as expressions with a reference type instead of function indices.
     */
    private void elementSegment(TypeIndexCursor cursor, int index) {
        var in = cursor.in();
        int flags = in.u32();
        if (flags > 7) {
            throw in.malformed("element segment " + index + " has unknown flags " + flags);
        }
        boolean passiveOrDeclarative = (flags & 1) != 0;
        boolean explicitTable = (flags & 2) != 0;
        boolean expressions = (flags & 4) != 0;
        if (!passiveOrDeclarative) {
            if (explicitTable) {
                in.u32();
            }
            InstructionWalker.constantExpression(cursor, "element segment " + index + " offset");
        }
        if (passiveOrDeclarative || explicitTable) {
            if (expressions) {
                cursor.valueType();
            } else {
                in.u8(); // element kind: 0x00 = funcref
            }
        }
        int count = in.u32();
        for (int i = 0; i < count; i++) {
            if (expressions) {
                InstructionWalker.constantExpression(cursor, "element segment " + index + " item " + i);
            } else {
                in.u32();
            }
        }
    }

    private void dataSegment(TypeIndexCursor cursor, int index) {
        var in = cursor.in();
        int mode = in.u32();
        switch (mode) {
            case 0 -> InstructionWalker.constantExpression(cursor, "data segment " + index + " offset");
            case 1 -> {}
            case 2 -> {
                in.u32();
                InstructionWalker.constantExpression(cursor, "data segment " + index + " offset");
            }
            default -> throw in.malformed("data segment " + index + " has unknown mode " + mode);
        }
        in.skip(in.u32());
    }

    /** Bodies are rewritten one by one, so each gets its new size; the code section is re-framed. */
    private byte[] code(byte[] content) {
        var bodies = WasmSections.codeBodies(content);
        var rewritten = new ArrayList<byte[]>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            var cursor = new TypeIndexCursor(bodies.get(i), typeMap);
            InstructionWalker.functionBody(cursor, functionImports + i);
            rewritten.add(cursor.finish());
        }
        return WasmSections.codeSection(rewritten);
    }

    private static void tableType(TypeIndexCursor cursor) {
        cursor.valueType();
        limits(cursor.in());
    }

    private static void globalType(TypeIndexCursor cursor) {
        cursor.valueType();
        cursor.in().u8(); // mutability
    }

    /** Flags (bit 0: has maximum), minimum, optional maximum; 64-bit limits have the same shape. */
    private static void limits(WasmReader in) {
        int flags = in.u8();
        in.skipLeb();
        if ((flags & 1) != 0) {
            in.skipLeb();
        }
    }
}
