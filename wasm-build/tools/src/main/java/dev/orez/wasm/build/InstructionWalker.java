package dev.orez.wasm.build;

/**
 * Walks WebAssembly instructions through a {@link TypeIndexCursor}, decoding every immediate so that
 * the type indices among them (block types, call_indirect, typed references) reach the cursor. An
 * opcode it does not know stops the walk with an error: skipping it would mean guessing where the
 * next instruction starts, and a missed type index would only show up as a trap at run time.
 */
final class InstructionWalker {
    private final TypeIndexCursor cursor;
    private final WasmReader in;
    private final String where;

    private InstructionWalker(TypeIndexCursor cursor, String where) {
        this.cursor = cursor;
        this.in = cursor.in();
        this.where = where;
    }

    /** A function body: local declarations, then instructions up to the final {@code end}. */
    static void functionBody(TypeIndexCursor cursor, int functionIndex) {
        var walker = new InstructionWalker(cursor, "function " + functionIndex);
        int groups = cursor.in().u32();
        for (int i = 0; i < groups; i++) {
            cursor.in().u32();
            cursor.valueType();
        }
        walker.untilEnd();
        if (cursor.in().hasMore()) {
            throw walker.error("code continues after the function's final end");
        }
    }

    /** A constant expression (global initialiser, segment offset, element item) up to its {@code end}. */
    static void constantExpression(TypeIndexCursor cursor, String where) {
        new InstructionWalker(cursor, where).untilEnd();
    }

    private void untilEnd() {
        int depth = 0;
        while (true) {
            int opcode = in.u8();
            switch (opcode) {
                case 0x0B -> { // end
                    if (depth == 0) {
                        return;
                    }
                    depth--;
                }
                case 0x18 -> { // delegate (legacy exceptions) closes its try like end does
                    if (depth == 0) {
                        throw error("delegate outside a try block");
                    }
                    in.u32();
                    depth--;
                }
                case 0x02, 0x03, 0x04, 0x06 -> { // block, loop, if, try (legacy exceptions)
                    cursor.blockType();
                    depth++;
                }
                case 0x1F -> { // try_table
                    cursor.blockType();
                    catchClauses();
                    depth++;
                }
                case 0x11, 0x13 -> { // call_indirect, return_call_indirect: type, table
                    cursor.typeIndex();
                    in.u32();
                }
                case 0x14, 0x15 -> cursor.typeIndex(); // call_ref, return_call_ref
                case 0xD0 -> cursor.heapType(); // ref.null
                case 0x1C -> { // select with explicit value types
                    int count = in.u32();
                    for (int i = 0; i < count; i++) {
                        cursor.valueType();
                    }
                }
                case 0x0E -> { // br_table: label vector, then the default label
                    int count = in.u32();
                    for (int i = 0; i <= count; i++) {
                        in.u32();
                    }
                }
                // One index immediate: catch/throw (tag), rethrow, br, br_if, call, return_call,
                // local.*, global.*, table.get/set, memory.size/grow, ref.func, br_on_(non_)null.
                case 0x07,
                        0x08,
                        0x09,
                        0x0C,
                        0x0D,
                        0x10,
                        0x12,
                        0x20,
                        0x21,
                        0x22,
                        0x23,
                        0x24,
                        0x25,
                        0x26,
                        0x3F,
                        0x40,
                        0xD2,
                        0xD5,
                        0xD6 -> in.u32();
                case 0x41 -> in.signed(32); // i32.const
                case 0x42 -> in.signed(64); // i64.const
                case 0x43 -> in.skip(4); // f32.const: raw IEEE 754 bits, not a LEB
                case 0x44 -> in.skip(8); // f64.const
                case 0xFC -> prefixedFC();
                case 0xFB -> throw unsupportedPrefixed("GC", opcode);
                case 0xFD -> throw unsupportedPrefixed("SIMD", opcode);
                case 0xFE -> throw unsupportedPrefixed("threads", opcode);
                default -> {
                    if (opcode >= 0x28 && opcode <= 0x3E) { // loads and stores
                        memarg();
                    } else if (!hasNoImmediates(opcode)) {
                        throw error(String.format("unknown opcode 0x%02X", opcode));
                    }
                }
            }
        }
    }

    /**
     * unreachable, nop, else, throw_ref, return, catch_all, drop, select, the numeric operators
     * (including sign extension), ref.is_null, ref.eq, ref.as_non_null.
     */
    private static boolean hasNoImmediates(int opcode) {
        return opcode == 0x00
                || opcode == 0x01
                || opcode == 0x05
                || opcode == 0x0A
                || opcode == 0x0F
                || opcode == 0x19
                || opcode == 0x1A
                || opcode == 0x1B
                || (opcode >= 0x45 && opcode <= 0xC4)
                || opcode == 0xD1
                || opcode == 0xD3
                || opcode == 0xD4;
    }

    private void memarg() {
        int align = in.u32();
        if ((align & 0x40) != 0) { // multi-memory: bit 6 of the alignment announces a memory index
            in.u32();
        }
        in.u32();
    }

    private void catchClauses() {
        int count = in.u32();
        for (int i = 0; i < count; i++) {
            int kind = in.u8();
            switch (kind) {
                case 0x00, 0x01 -> { // catch, catch_ref: tag, label
                    in.u32();
                    in.u32();
                }
                case 0x02, 0x03 -> in.u32(); // catch_all, catch_all_ref: label
                default -> throw error(String.format("unknown try_table catch kind 0x%02X", kind));
            }
        }
    }

    /** Saturating truncation, bulk memory and table instructions. */
    private void prefixedFC() {
        int op = in.u32();
        switch (op) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> {} // trunc_sat
            case 8, 10, 12, 14 -> { // memory.init, memory.copy, table.init, table.copy: two indices
                in.u32();
                in.u32();
            }
            case 9, 11, 13, 15, 16, 17 -> in.u32(); // data.drop, memory.fill, elem.drop, table.grow/size/fill
            default -> throw error("unknown instruction 0xFC " + op);
        }
    }

    private IllegalArgumentException unsupportedPrefixed(String proposal, int prefix) {
        return error(String.format("%s instruction 0x%02X %d is not supported", proposal, prefix, in.u32()));
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(where + ", byte " + in.position() + ": " + what);
    }
}
