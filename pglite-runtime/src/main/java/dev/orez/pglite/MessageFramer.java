package dev.orez.pglite;

import java.util.Arrays;

/**
 * Cuts the bytes a client sends into whole frontend messages, the only unit {@link PGlite#execProtocolRaw} takes:
 * libpq flushes whenever its buffer fills, so one send may end inside a message. The first message is the untyped
 * startup packet (int32 length), every later one is typed (tag, int32 length).
 */
final class MessageFramer {
    private byte[] buffer = new byte[8192];
    private int start;
    private int end;
    private boolean started;

    void append(byte[] bytes) {
        if (end + bytes.length > buffer.length) {
            int pending = end - start;
            byte[] target = pending + bytes.length > buffer.length
                    ? new byte[Math.max(buffer.length * 2, pending + bytes.length)]
                    : buffer;
            System.arraycopy(buffer, start, target, 0, pending);
            buffer = target;
            start = 0;
            end = pending;
        }
        System.arraycopy(bytes, 0, buffer, end, bytes.length);
        end += bytes.length;
    }

    /** The next whole message, or null while the bytes so far end before one does. */
    byte[] next() {
        int tag = started ? 1 : 0;
        if (end - start < tag + 4) {
            return null;
        }
        int length = tag + readInt(start + tag);
        if (length < tag + 4) {
            throw new IllegalStateException("the client sent a message with length " + (length - tag));
        }
        if (end - start < length) {
            return null;
        }
        byte[] message = Arrays.copyOfRange(buffer, start, start + length);
        start += length;
        started = true;
        return message;
    }

    private int readInt(int at) {
        return (buffer[at] & 0xff) << 24
                | (buffer[at + 1] & 0xff) << 16
                | (buffer[at + 2] & 0xff) << 8
                | (buffer[at + 3] & 0xff);
    }
}
