package dev.orez.cli.restore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a restore needs from an engine's answer to a simple Query: the tag of its last
 * CommandComplete, or its ErrorResponse as a {@link RestoreSqlException} with the fields a message needs
 * (the CONTEXT of a COPY error says which data line failed).
 */
final class EngineReply {
    private EngineReply() {}

    /**
     * @return the last command tag, e.g. {@code COPY 50000}; empty when there was none
     * @throws RestoreSqlException when the answer holds an error
     */
    static String commandTag(byte[] answer) {
        ByteBuffer buffer = ByteBuffer.wrap(answer);
        String tag = "";
        while (buffer.remaining() >= 5) {
            byte type = buffer.get();
            int length = buffer.getInt(); // counts itself
            int end = buffer.position() + length - 4;
            if (type == 'C') {
                tag = cstring(buffer);
            } else if (type == 'E') {
                throw error(buffer, end);
            }
            buffer.position(end);
        }
        return tag;
    }

    private static RestoreSqlException error(ByteBuffer buffer, int end) {
        String code = "XX000";
        String message = "error";
        String detail = "";
        String where = "";
        while (buffer.position() < end) {
            byte field = buffer.get();
            if (field == 0) {
                break;
            }
            String value = cstring(buffer);
            switch (field) {
                case 'C' -> code = value;
                case 'M' -> message = value;
                case 'D' -> detail = value;
                case 'W' -> where = value;
                default -> {}
            }
        }
        return new RestoreSqlException(code, message, detail, where);
    }

    private static String cstring(ByteBuffer buffer) {
        int start = buffer.position();
        while (buffer.get() != 0) {
            // to the terminator
        }
        return new String(buffer.array(), start, buffer.position() - start - 1, StandardCharsets.UTF_8);
    }
}
