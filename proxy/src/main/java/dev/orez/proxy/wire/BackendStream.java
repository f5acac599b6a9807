package dev.orez.proxy.wire;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Backend output as the engine flushes it, in chunks that may end mid-message, cut back into whole messages
 * so each can be kept or dropped; an incomplete tail waits for the next chunk.
 */
public final class BackendStream {
    /** Decides, per whole message, whether the client gets it. */
    @FunctionalInterface
    public interface Filter {
        boolean keep(char type, byte[] buffer, int bodyStart, int bodyLength);
    }

    private byte[] tail = new byte[0];

    /** The kept messages of {@code chunk} (plus any tail left from before) that are complete. */
    public byte[] pass(byte[] chunk, Filter filter) {
        byte[] bytes = tail.length == 0 ? chunk : concat(tail, chunk);
        ByteArrayOutputStream kept = new ByteArrayOutputStream(bytes.length);
        int position = 0;
        while (bytes.length - position >= 5) {
            int length = ((bytes[position + 1] & 0xFF) << 24)
                    | ((bytes[position + 2] & 0xFF) << 16)
                    | ((bytes[position + 3] & 0xFF) << 8)
                    | (bytes[position + 4] & 0xFF);
            if (bytes.length - position < length + 1) {
                break;
            }
            if (filter.keep((char) (bytes[position] & 0xFF), bytes, position + 5, length - 4)) {
                kept.write(bytes, position, length + 1);
            }
            position += length + 1;
        }
        tail = Arrays.copyOfRange(bytes, position, bytes.length);
        return kept.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
