package dev.orez.pglite;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Backend (server → client) bytes split into messages, with the accessors tests need. */
final class Replies {
    record Message(char type, byte[] body) {}

    private final List<Message> messages = new ArrayList<>();

    Replies(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        while (in.hasRemaining()) {
            char type = (char) in.get();
            int length = in.getInt();
            byte[] body = new byte[length - 4];
            in.get(body);
            messages.add(new Message(type, body));
        }
    }

    String types() {
        StringBuilder sb = new StringBuilder();
        messages.forEach(m -> sb.append(m.type()));
        return sb.toString();
    }

    List<Message> ofType(char type) {
        return messages.stream().filter(m -> m.type() == type).toList();
    }

    /** Text values of every DataRow (null for SQL NULL). */
    List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (Message m : ofType('D')) {
            ByteBuffer in = ByteBuffer.wrap(m.body());
            int columns = in.getShort();
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                int length = in.getInt();
                if (length < 0) {
                    row.add(null);
                } else {
                    byte[] value = new byte[length];
                    in.get(value);
                    row.add(new String(value, StandardCharsets.UTF_8));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    String single() {
        List<List<String>> rows = rows();
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value, got " + rows + " in " + types() + " " + errors());
        }
        return rows.get(0).get(0);
    }

    List<String> commandTags() {
        return ofType('C').stream()
                .map(m -> new String(m.body(), 0, m.body().length - 1, StandardCharsets.UTF_8))
                .toList();
    }

    /** Each ErrorResponse as its fields (S, C = SQLSTATE, M = message, ...). */
    List<Map<Character, String>> errors() {
        List<Map<Character, String>> errors = new ArrayList<>();
        for (Message m : ofType('E')) {
            Map<Character, String> fields = new LinkedHashMap<>();
            int i = 0;
            byte[] b = m.body();
            while (i < b.length && b[i] != 0) {
                char code = (char) b[i++];
                int end = i;
                while (b[end] != 0) {
                    end++;
                }
                fields.put(code, new String(b, i, end - i, StandardCharsets.UTF_8));
                i = end + 1;
            }
            errors.add(fields);
        }
        return errors;
    }

    /** The transaction status of the last ReadyForQuery: I, T or E. */
    char readyStatus() {
        List<Message> ready = ofType('Z');
        if (ready.isEmpty()) {
            throw new AssertionError("no ReadyForQuery in " + types());
        }
        return (char) ready.get(ready.size() - 1).body()[0];
    }

    int totalCopyDataBytes() {
        return ofType('d').stream().mapToInt(m -> m.body().length).sum();
    }
}
