package dev.orez.replication.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Appends big-endian protocol fields to a growing buffer, so that every message builder (pgoutput messages,
 * walsender replies, the SQL replication sends) spells its layout as a plain sequence of field writes.
 */
public final class WireWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public WireWriter int8(int value) {
        out.write(value);
        return this;
    }

    public WireWriter int16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public WireWriter int32(int value) {
        int16(value >>> 16);
        return int16(value);
    }

    public WireWriter int64(long value) {
        int32((int) (value >>> 32));
        return int32((int) value);
    }

    public WireWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    /** A length-prefixed UTF-8 value, or length -1 for NULL, as DataRow and Bind carry them. */
    public WireWriter value(String text) {
        if (text == null) {
            return int32(-1);
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return int32(utf8.length).bytes(utf8);
    }

    /**
     * A NUL-terminated UTF-8 string. An embedded NUL is rejected because the reader would take it for the end of
     * the string and misread every field after it.
     */
    public WireWriter cstring(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            if (b == 0) {
                throw new IllegalArgumentException("NUL character in protocol string: " + value);
            }
        }
        return bytes(utf8).int8(0);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
