package dev.orez.proxy.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Reads the fields of a message body in order; a field running past the end is a {@link ProtocolViolation}. */
public final class MessageBody {
    private final byte[] bytes;
    private int position;

    public MessageBody(byte[] bytes) {
        this.bytes = bytes;
    }

    public String cString() {
        for (int end = position; end < bytes.length; end++) {
            if (bytes[end] == 0) {
                String value = new String(bytes, position, end - position, StandardCharsets.UTF_8);
                position = end + 1;
                return value;
            }
        }
        throw new ProtocolViolation("invalid string in message");
    }

    public byte byteValue() {
        need(1);
        return bytes[position++];
    }

    public int int16() {
        need(2);
        int value = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    public byte[] bytes(int count) {
        need(count);
        byte[] value = java.util.Arrays.copyOfRange(bytes, position, position + count);
        position += count;
        return value;
    }

    public int int32() {
        need(4);
        int value = ((bytes[position] & 0xFF) << 24)
                | ((bytes[position + 1] & 0xFF) << 16)
                | ((bytes[position + 2] & 0xFF) << 8)
                | (bytes[position + 3] & 0xFF);
        position += 4;
        return value;
    }

    /** Everything not read yet. */
    public byte[] rest() {
        byte[] rest = java.util.Arrays.copyOfRange(bytes, position, bytes.length);
        position = bytes.length;
        return rest;
    }

    private void need(int count) {
        if (bytes.length - position < count) {
            throw new ProtocolViolation("insufficient data left in message");
        }
    }

    /** Builds a body field by field, the inverse of the readers above. */
    public static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Builder cString(String value) {
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            return this;
        }

        public Builder byteValue(int value) {
            out.write(value);
            return this;
        }

        public Builder int16(int value) {
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        public Builder int32(int value) {
            out.write(value >>> 24);
            out.write(value >>> 16);
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        public Builder bytes(byte[] value) {
            out.writeBytes(value);
            return this;
        }

        public byte[] build() {
            return out.toByteArray();
        }
    }
}
