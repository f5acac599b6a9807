package dev.orez.wasm.build;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A cursor over WebAssembly binary bytes that decodes the binary format's LEB128 integers. */
final class WasmReader {
    private final byte[] bytes;
    private int pos;
    private final int end;

    WasmReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    WasmReader(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
    }

    int position() {
        return pos;
    }

    boolean hasMore() {
        return pos < end;
    }

    int peek() {
        require(1);
        return bytes[pos] & 0xFF;
    }

    int u8() {
        require(1);
        return bytes[pos++] & 0xFF;
    }

    byte[] bytes(int count) {
        require(count);
        byte[] out = Arrays.copyOfRange(bytes, pos, pos + count);
        pos += count;
        return out;
    }

    void skip(int count) {
        require(count);
        pos += count;
    }

    /** Unsigned LEB128 that must fit 32 bits: counts, sizes and indices. */
    int u32() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 28) {
                throw malformed("u32 LEB128 longer than 5 bytes");
            }
            int b = u8();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (value > 0xFFFF_FFFFL) {
            throw malformed("u32 LEB128 out of range");
        }
        return (int) value;
    }

    /**
     * Signed LEB128 of at most {@code bits} bits, sign-extended. Block types and heap types are s33: a
     * non-negative value is a type index, a negative one an abstract type code.
     */
    long signed(int bits) {
        long value = 0;
        int shift = 0;
        int b;
        do {
            if (shift >= bits) {
                throw malformed("s" + bits + " LEB128 too long");
            }
            b = u8();
            value |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            value |= -1L << shift;
        }
        return value;
    }

    /** Steps over one LEB128 integer of any width, e.g. a 64-bit limit nobody needs the value of. */
    void skipLeb() {
        for (int count = 1; (u8() & 0x80) != 0; count++) {
            if (count == 10) {
                throw malformed("LEB128 longer than 10 bytes");
            }
        }
    }

    String name() {
        return new String(bytes(u32()), StandardCharsets.UTF_8);
    }

    byte[] slice(int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    IllegalArgumentException malformed(String what) {
        return new IllegalArgumentException("malformed wasm at byte " + pos + ": " + what);
    }

    private void require(int count) {
        if (count < 0 || pos + count > end) {
            throw malformed("unexpected end (need " + count + " bytes)");
        }
    }
}
