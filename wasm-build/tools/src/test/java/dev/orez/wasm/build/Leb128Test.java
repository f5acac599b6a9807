package dev.orez.wasm.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The LEB128 boundaries the type rewriting depends on: u32 and s33 differ from 64 up. */
class Leb128Test {
    @Test
    void u32UsesOneByteUpTo127() {
        assertArrayEquals(bytes(0x00), new WasmWriter().u32(0).toByteArray());
        assertArrayEquals(bytes(0x40), new WasmWriter().u32(64).toByteArray());
        assertArrayEquals(bytes(0x7F), new WasmWriter().u32(127).toByteArray());
        assertArrayEquals(bytes(0x80, 0x01), new WasmWriter().u32(128).toByteArray());
        assertArrayEquals(
                bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F), new WasmWriter().u32(-1).toByteArray());
    }

    @Test
    void s33NeedsTwoBytesFrom64BecauseBitSixIsTheSign() {
        assertArrayEquals(bytes(0x3F), new WasmWriter().signed(63).toByteArray());
        assertArrayEquals(bytes(0xC0, 0x00), new WasmWriter().signed(64).toByteArray());
        assertArrayEquals(bytes(0x80, 0x01), new WasmWriter().signed(128).toByteArray());
        assertArrayEquals(bytes(0x40), new WasmWriter().signed(-64).toByteArray());
        assertArrayEquals(bytes(0x70), new WasmWriter().signed(-16).toByteArray()); // funcref
    }

    @Test
    void readerDecodesWhatTheWriterEncodes() {
        long[] values = {0, 1, 63, 64, 127, 128, 8191, 8192, 0xFFFF_FFFFL};
        for (long value : values) {
            assertEquals(
                    value,
                    Integer.toUnsignedLong(
                            reader(new WasmWriter().u32((int) value)).u32()));
            assertEquals(value, reader(new WasmWriter().signed(value)).signed(33));
            assertEquals(-value, reader(new WasmWriter().signed(-value)).signed(33));
        }
        assertEquals(
                Long.MIN_VALUE, reader(new WasmWriter().signed(Long.MIN_VALUE)).signed(64));
    }

    @Test
    void readerAcceptsPaddedEncodingsAndRejectsOverlongOnes() {
        assertEquals(3, new WasmReader(bytes(0x83, 0x80, 0x80, 0x80, 0x00)).u32());
        assertThrows(
                IllegalArgumentException.class, () -> new WasmReader(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x00)).u32());
        assertThrows(IllegalArgumentException.class, () -> new WasmReader(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x00))
                .signed(33));
    }

    private static WasmReader reader(WasmWriter writer) {
        return new WasmReader(writer.toByteArray());
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }
}
