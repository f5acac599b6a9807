package dev.orez.wasm.build;

import com.dylibso.chicory.wasm.types.ValType;
import java.util.function.Consumer;

/**
 * Reads one section (or one function body) and produces a copy in which every type index is replaced
 * through a map. Bytes between type indices are copied verbatim, so everything that is not a type
 * index keeps its exact encoding; only the rewritten LEB128s may change length.
 */
final class TypeIndexCursor {
    private static final int EMPTY_BLOCK = 0x40;
    private static final int REF_NULLABLE = 0x63;
    private static final int REF = 0x64;

    private final byte[] source;
    private final WasmReader in;
    private final int[] typeMap;
    private final WasmWriter out = new WasmWriter();
    private int copiedUpTo;

    TypeIndexCursor(byte[] source, int[] typeMap) {
        this.source = source;
        this.in = new WasmReader(source);
        this.typeMap = typeMap;
    }

    /** The underlying reader, for everything that is read and copied unchanged. */
    WasmReader in() {
        return in;
    }

    /** A u32 type index: function signatures of imports and functions, call_indirect, tags. */
    void typeIndex() {
        int start = in.position();
        int index = in.u32();
        replace(start, out -> out.u32(map(index)));
    }

    /** An s33 heap type: a type index when non-negative, otherwise an abstract type such as func. */
    void heapType() {
        int start = in.position();
        long heapType = in.signed(33);
        if (heapType >= 0) {
            replace(start, out -> out.signed(map(heapType)));
        }
    }

    /** A value type; only the typed reference forms {@code (ref null? $t)} carry a type index. */
    void valueType() {
        int code = in.u8();
        if (code == REF_NULLABLE || code == REF) {
            heapType();
        } else if (!FunctionTypes.isSingleByteValueType(code)) {
            throw in.malformed(String.format("unsupported value type 0x%02X", code));
        }
    }

    /** A block type: empty, one value type, or an s33 type index for multi-value blocks. */
    void blockType() {
        int first = in.peek();
        if (first == EMPTY_BLOCK) {
            in.u8();
        } else if (first == REF_NULLABLE || first == REF || FunctionTypes.isSingleByteValueType(first)) {
            valueType();
        } else {
            int start = in.position();
            long index = in.signed(33);
            if (index < 0) {
                throw in.malformed("unknown block type " + index);
            }
            int mapped = map(index);
            if (mapped == EMPTY_BLOCK || ValType.ID.isValidOpcode(mapped)) {
                // Chicory 1.7.5 decodes a block type as a plain number and takes 64 for "empty" and a
                // value-type code (0x7F = i32, 0x70 = funcref, ...) for that value type, so a block
                // typed by such an index would be misread (docs/chicory-defects.md, P3).
                throw new IllegalStateException(String.format(
                        "block type index %d would become %d, which Chicory misreads as a value type or"
                                + " the empty block type",
                        index, mapped));
            }
            replace(start, out -> out.signed(mapped));
        }
    }

    /** The rewritten bytes; the source must have been read to its end. */
    byte[] finish() {
        if (in.hasMore()) {
            throw in.malformed("unexpected bytes after the last entry");
        }
        out.bytes(in.slice(copiedUpTo, source.length));
        copiedUpTo = source.length;
        return out.toByteArray();
    }

    private void replace(int start, Consumer<WasmWriter> encoding) {
        out.bytes(in.slice(copiedUpTo, start));
        encoding.accept(out);
        copiedUpTo = in.position();
    }

    private int map(long index) {
        if (index >= typeMap.length) {
            throw in.malformed("type index " + index + " out of range (" + typeMap.length + " types)");
        }
        return typeMap[(int) index];
    }
}
