package dev.orez.replication.pgoutput;

import dev.orez.replication.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Builds the messages of PostgreSQL's logical replication protocol ({@code pgoutput}, protocol version 1) that a
 * subscriber such as zero-cache expects inside XLogData frames. Each method returns one unwrapped message; framing
 * is {@link WalFrames}' job.
 *
 * <p>Column values are passed in text format, as strings; a {@code null} list entry is SQL NULL.
 */
public final class PgOutput {
    private PgOutput() {}

    /**
     * @param finalLsn the LSN of the transaction's commit record
     * @param commitTime microseconds since 2000-01-01 UTC, see {@link WalFrames#postgresMicros}
     */
    public static byte[] begin(long finalLsn, long commitTime, int xid) {
        return new WireWriter()
                .int8('B')
                .int64(finalLsn)
                .int64(commitTime)
                .int32(xid)
                .toByteArray();
    }

    /**
     * @param commitLsn the LSN of the commit record, the {@code finalLsn} its Begin announced
     * @param endLsn the LSN just past the commit record, where the subscriber resumes after this transaction
     */
    public static byte[] commit(long commitLsn, long endLsn, long commitTime) {
        return new WireWriter()
                .int8('C')
                .int8(0) // flags: none defined
                .int64(commitLsn)
                .int64(endLsn)
                .int64(commitTime)
                .toByteArray();
    }

    /** Describes a table; sent before the first row change of that table the subscriber sees. */
    public static byte[] relation(Relation relation) {
        WireWriter out = new WireWriter()
                .int8('R')
                .int32(relation.oid())
                .cstring(relation.namespace())
                .cstring(relation.name())
                .int8(relation.replicaIdentity())
                .int16(columnCount(relation.columns().size()));
        for (Relation.Column column : relation.columns()) {
            out.int8(column.key() ? 1 : 0)
                    .cstring(column.name())
                    .int32(column.typeOid())
                    .int32(column.typmod());
        }
        return out.toByteArray();
    }

    /** Names a non-built-in type used by a later Relation, so the subscriber can resolve its oid. */
    public static byte[] type(int oid, String namespace, String name) {
        return new WireWriter()
                .int8('Y')
                .int32(oid)
                .cstring(namespace)
                .cstring(name)
                .toByteArray();
    }

    public static byte[] insert(int relid, List<String> newTuple) {
        WireWriter out = new WireWriter().int8('I').int32(relid).int8('N');
        return tuple(out, newTuple).toByteArray();
    }

    /**
     * @param oldKind 'K' when {@code oldTuple} holds the old replica identity key, 'O' when it holds the whole old
     *     row (replica identity full), or {@code null} when the key did not change and no old tuple is sent
     */
    public static byte[] update(int relid, Character oldKind, List<String> oldTuple, List<String> newTuple) {
        WireWriter out = new WireWriter().int8('U').int32(relid);
        if (oldKind != null) {
            tuple(out.int8(oldTupleKind(oldKind)), Objects.requireNonNull(oldTuple, "oldTuple"));
        } else if (oldTuple != null) {
            throw new IllegalArgumentException("an old tuple needs an old kind, 'K' or 'O'");
        }
        return tuple(out.int8('N'), newTuple).toByteArray();
    }

    /** @param oldKind 'K' when {@code oldTuple} holds the replica identity key, 'O' when it holds the whole row */
    public static byte[] delete(int relid, char oldKind, List<String> oldTuple) {
        WireWriter out = new WireWriter().int8('D').int32(relid).int8(oldTupleKind(oldKind));
        return tuple(out, oldTuple).toByteArray();
    }

    public static byte[] truncate(int[] relids, boolean cascade, boolean restartIdentity) {
        WireWriter out =
                new WireWriter().int8('T').int32(relids.length).int8((cascade ? 1 : 0) | (restartIdentity ? 2 : 0));
        for (int relid : relids) {
            out.int32(relid);
        }
        return out.toByteArray();
    }

    /** A logical decoding message, as {@code pg_logical_emit_message} writes it. */
    public static byte[] message(boolean transactional, long lsn, String prefix, byte[] content) {
        return new WireWriter()
                .int8('M')
                .int8(transactional ? 1 : 0)
                .int64(lsn)
                .cstring(prefix)
                .int32(content.length)
                .bytes(content)
                .toByteArray();
    }

    private static char oldTupleKind(char kind) {
        if (kind != 'K' && kind != 'O') {
            throw new IllegalArgumentException("old tuple kind must be 'K' or 'O': " + kind);
        }
        return kind;
    }

    /** TupleData: a column count, then per column 'n' for NULL or 't' and the length-prefixed text value. */
    private static WireWriter tuple(WireWriter out, List<String> values) {
        out.int16(columnCount(values.size()));
        for (String value : values) {
            if (value == null) {
                out.int8('n');
            } else {
                byte[] text = value.getBytes(StandardCharsets.UTF_8);
                out.int8('t').int32(text.length).bytes(text);
            }
        }
        return out;
    }

    /** Column counts travel as a signed int16; more would wrap silently. */
    private static int columnCount(int count) {
        if (count > Short.MAX_VALUE) {
            throw new IllegalArgumentException("too many columns for the protocol: " + count);
        }
        return count;
    }
}
