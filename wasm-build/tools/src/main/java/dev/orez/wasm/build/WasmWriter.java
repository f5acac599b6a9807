package dev.orez.wasm.build;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds WebAssembly binary bytes, encoding integers as LEB128 the way the binary format wants them. */
final class WasmWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WasmWriter u8(int value) {
        out.write(value);
        return this;
    }

    WasmWriter bytes(byte[] value) {
        out.write(value, 0, value.length);
        return this;
    }

    /** Unsigned LEB128; {@code value} is taken as unsigned 32 bits. */
    WasmWriter u32(int value) {
        long rest = Integer.toUnsignedLong(value);
        do {
            int b = (int) (rest & 0x7F);
            rest >>>= 7;
            out.write(rest == 0 ? b : b | 0x80);
        } while (rest != 0);
        return this;
    }

    /**
     * Signed LEB128 (s33 for block and heap types). Differs from {@link #u32} from 64 up: bit 6 of the
     * last byte is the sign, so 64 needs two bytes here but one as u32.
     */
    WasmWriter signed(long value) {
        long rest = value;
        while (true) {
            int b = (int) (rest & 0x7F);
            rest >>= 7;
            boolean done = (rest == 0 && (b & 0x40) == 0) || (rest == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    WasmWriter name(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return u32(utf8.length).bytes(utf8);
    }

    /** A size-prefixed byte string: how section contents and function bodies are framed. */
    WasmWriter sized(byte[] value) {
        return u32(value.length).bytes(value);
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
