package dev.orez.replication.pgoutput;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Appends big-endian protocol fields to a growing buffer, so that every message builder in this package spells
 * its layout as a plain sequence of field writes.
 */
final class WireWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireWriter int8(int value) {
        out.write(value);
        return this;
    }

    WireWriter int16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    WireWriter int32(int value) {
        int16(value >>> 16);
        return int16(value);
    }

    WireWriter int64(long value) {
        int32((int) (value >>> 32));
        return int32((int) value);
    }

    WireWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    /**
     * A NUL-terminated UTF-8 string. An embedded NUL is rejected because the reader would take it for the end of
     * the string and misread every field after it.
     */
    WireWriter cstring(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            if (b == 0) {
                throw new IllegalArgumentException("NUL character in protocol string: " + value);
            }
        }
        return bytes(utf8).int8(0);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
