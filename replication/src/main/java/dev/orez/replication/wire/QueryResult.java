package dev.orez.replication.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows of the last result set in the engine's answer to a simple Query, in text format. An
 * ErrorResponse anywhere in the answer becomes a {@link SqlFailure}.
 */
public record QueryResult(List<List<String>> rows) {
    public static QueryResult of(byte[] answer) {
        ByteBuffer buffer = ByteBuffer.wrap(answer);
        List<List<String>> rows = new ArrayList<>();
        while (buffer.remaining() >= 5) {
            byte tag = buffer.get();
            int length = buffer.getInt();
            int end = buffer.position() + length - 4;
            switch (tag) {
                case 'T' -> rows = new ArrayList<>();
                case 'D' -> rows.add(dataRow(buffer));
                case 'E' -> throw failure(buffer, end);
                default -> {}
            }
            buffer.position(end);
        }
        return new QueryResult(Collections.unmodifiableList(rows));
    }

    /** The value of the first column of the first row. */
    public String single() {
        if (rows.isEmpty()) {
            throw new IllegalStateException("the query returned no rows");
        }
        return rows.get(0).get(0);
    }

    private static List<String> dataRow(ByteBuffer buffer) {
        int count = buffer.getShort();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = buffer.getInt();
            if (length < 0) {
                values.add(null);
            } else {
                values.add(new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8));
                buffer.position(buffer.position() + length);
            }
        }
        return values;
    }

    private static SqlFailure failure(ByteBuffer buffer, int end) {
        String code = "XX000";
        String message = "error";
        while (buffer.position() < end) {
            byte field = buffer.get();
            if (field == 0) {
                break;
            }
            int start = buffer.position();
            while (buffer.get() != 0) {
                // to the field's terminator
            }
            String value = new String(buffer.array(), start, buffer.position() - start - 1, StandardCharsets.UTF_8);
            if (field == 'C') {
                code = value;
            } else if (field == 'M') {
                message = value;
            }
        }
        return new SqlFailure(code, message);
    }
}
