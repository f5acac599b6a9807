package dev.orez.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads pgoutput protocol version 1 messages, written from PostgreSQL's "Logical Replication Message Formats"
 * and kept apart from orez's own encoder, so the tests check orez's bytes against the documented format rather
 * than against the code that wrote them. Each message must be consumed to its last byte.
 */
final class PgOutputDecoder {
    private PgOutputDecoder() {}

    /** One decoded message. */
    sealed interface Decoded permits Begin, Commit, Relation, Type, Insert, Update, Delete, Truncate, Message {}

    record Begin(long finalLsn, long commitTime, int xid) implements Decoded {}

    record Commit(int flags, long commitLsn, long endLsn, long commitTime) implements Decoded {}

    /** @param flags 1 when the column is part of the replica identity key */
    record Column(int flags, String name, int typeOid, int typmod) {}

    record Relation(int oid, String namespace, String name, char replicaIdentity, List<Column> columns)
            implements Decoded {
        List<String> columnNames() {
            return columns.stream().map(Column::name).toList();
        }
    }

    record Type(int oid, String namespace, String name) implements Decoded {}

    /** Tuples are text values in column order; a {@code null} entry is SQL NULL. */
    record Insert(int relid, List<String> newTuple) implements Decoded {}

    /** @param oldKind 'K' (old key), 'O' (old row) or {@code null} when no old tuple was sent */
    record Update(int relid, Character oldKind, List<String> oldTuple, List<String> newTuple) implements Decoded {}

    record Delete(int relid, char oldKind, List<String> oldTuple) implements Decoded {}

    /** @param options 1 CASCADE, 2 RESTART IDENTITY */
    record Truncate(int options, List<Integer> relids) implements Decoded {}

    /** A logical decoding message from {@code pg_logical_emit_message}; flags 1 means transactional. */
    record Message(int flags, long lsn, String prefix, byte[] content) implements Decoded {
        boolean transactional() {
            return (flags & 1) != 0;
        }

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    static Decoded decode(byte[] message) {
        ByteBuffer in = ByteBuffer.wrap(message);
        char type = (char) in.get();
        Decoded decoded =
                switch (type) {
                    case 'B' -> new Begin(in.getLong(), in.getLong(), in.getInt());
                    case 'C' -> new Commit(in.get(), in.getLong(), in.getLong(), in.getLong());
                    case 'R' -> relation(in);
                    case 'Y' -> new Type(in.getInt(), cstring(in), cstring(in));
                    case 'I' -> insert(in);
                    case 'U' -> update(in);
                    case 'D' -> delete(in);
                    case 'T' -> truncate(in);
                    case 'M' -> logicalMessage(in);
                    default -> throw new IllegalArgumentException("not a pgoutput v1 message type: '" + type + "'");
                };
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(
                    in.remaining() + " bytes left after a '" + type + "' message: its length is wrong");
        }
        return decoded;
    }

    private static Relation relation(ByteBuffer in) {
        int oid = in.getInt();
        String namespace = cstring(in);
        String name = cstring(in);
        char identity = (char) in.get();
        int count = in.getShort();
        List<Column> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            columns.add(new Column(in.get(), cstring(in), in.getInt(), in.getInt()));
        }
        return new Relation(oid, namespace, name, identity, List.copyOf(columns));
    }

    private static Insert insert(ByteBuffer in) {
        int relid = in.getInt();
        expect(in, 'N');
        return new Insert(relid, tuple(in));
    }

    private static Update update(ByteBuffer in) {
        int relid = in.getInt();
        char next = (char) in.get();
        if (next == 'K' || next == 'O') {
            List<String> old = tuple(in);
            expect(in, 'N');
            return new Update(relid, next, old, tuple(in));
        }
        if (next != 'N') {
            throw new IllegalArgumentException("Update: expected 'K', 'O' or 'N', got '" + next + "'");
        }
        return new Update(relid, null, null, tuple(in));
    }

    private static Delete delete(ByteBuffer in) {
        int relid = in.getInt();
        char kind = (char) in.get();
        if (kind != 'K' && kind != 'O') {
            throw new IllegalArgumentException("Delete: expected 'K' or 'O', got '" + kind + "'");
        }
        return new Delete(relid, kind, tuple(in));
    }

    private static Truncate truncate(ByteBuffer in) {
        int count = in.getInt();
        int options = in.get();
        List<Integer> relids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            relids.add(in.getInt());
        }
        return new Truncate(options, List.copyOf(relids));
    }

    private static Message logicalMessage(ByteBuffer in) {
        int flags = in.get();
        long lsn = in.getLong();
        String prefix = cstring(in);
        byte[] content = new byte[in.getInt()];
        in.get(content);
        return new Message(flags, lsn, prefix, content);
    }

    /**
     * TupleData. 'u' (an unchanged TOASTed value) is refused: orez captures whole rows, so it must never leave a
     * value out; 'b' (binary) is only sent when a client asks for binary, which these tests never do.
     */
    private static List<String> tuple(ByteBuffer in) {
        int count = in.getShort();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            char kind = (char) in.get();
            switch (kind) {
                case 'n' -> values.add(null);
                case 't' -> {
                    byte[] text = new byte[in.getInt()];
                    in.get(text);
                    values.add(new String(text, StandardCharsets.UTF_8));
                }
                default -> throw new IllegalArgumentException("unexpected TupleData column kind '" + kind + "'");
            }
        }
        return Collections.unmodifiableList(values);
    }

    private static void expect(ByteBuffer in, char wanted) {
        char got = (char) in.get();
        if (got != wanted) {
            throw new IllegalArgumentException("expected '" + wanted + "', got '" + got + "'");
        }
    }

    /** A null-terminated UTF-8 string. */
    private static String cstring(ByteBuffer in) {
        int start = in.position();
        while (in.get() != 0) {
            // up to and past the terminator
        }
        return new String(in.array(), in.arrayOffset() + start, in.position() - start - 1, StandardCharsets.UTF_8);
    }
}
