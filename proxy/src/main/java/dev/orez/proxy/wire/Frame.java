package dev.orez.proxy.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** One typed protocol message: its tag byte and the body after the length field. */
public record Frame(byte type, byte[] body) {
    public static Frame of(char type, byte[] body) {
        return new Frame((byte) type, body);
    }

    public char tag() {
        return (char) (type & 0xFF);
    }

    /** The message as it goes on the wire: tag, int32 length (counting itself), body. */
    public byte[] encode() {
        return ByteBuffer.allocate(5 + body.length)
                .put(type)
                .putInt(body.length + 4)
                .put(body)
                .array();
    }

    public void writeTo(ByteArrayOutputStream out) {
        out.writeBytes(encode());
    }
}
