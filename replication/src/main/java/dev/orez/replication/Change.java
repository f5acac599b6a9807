package dev.orez.replication;

import dev.orez.replication.wire.QueryResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * One row of {@code _orez.changes}, with the watermark of its transaction's last change (so the stream
 * knows, at a transaction's first change, the LSN its Begin must announce).
 *
 * @param kind I, U, D, T (truncate), M / m (message in / outside its transaction), S (a shape changed)
 * @param relid the table, or 0
 */
record Change(
        long watermark,
        long xid,
        char kind,
        long relid,
        String newRow,
        String oldRow,
        String prefix,
        byte[] content,
        long lastInTransaction) {

    /** The changes after $1, at most $2, in order. */
    static final String AFTER = "SELECT watermark, xid, kind, relid, new_row, old_row, prefix, content"
            + " FROM _orez.changes WHERE watermark > $1 ORDER BY watermark LIMIT $2";

    /** The last watermark of transaction $1. */
    static final String TRANSACTION_END = "SELECT max(watermark) FROM _orez.changes WHERE xid = $1";

    /**
     * The changes of a result of {@link #AFTER}, each told where its transaction ends. Transactions never
     * interleave (the engine runs one at a time) and only committed ones are visible, so a transaction ends
     * where the next begins; only the batch's last one may go on beyond it, to {@code lastEnd}.
     */
    static List<Change> of(QueryResult result, long lastEnd) {
        List<List<String>> rows = result.rows();
        List<Change> changes = new ArrayList<>(rows.size());
        long end = lastEnd;
        for (int i = rows.size() - 1; i >= 0; i--) {
            List<String> row = rows.get(i);
            if (i < rows.size() - 1 && !row.get(1).equals(rows.get(i + 1).get(1))) {
                end = Long.parseLong(row.get(0));
            }
            changes.add(of(row, end));
        }
        Collections.reverse(changes);
        return changes;
    }

    private static Change of(List<String> row, long lastInTransaction) {
        return new Change(
                Long.parseLong(row.get(0)),
                Long.parseLong(row.get(1)),
                row.get(2).charAt(0),
                row.get(3) == null ? 0 : Long.parseLong(row.get(3)),
                row.get(4),
                row.get(5),
                row.get(6),
                row.get(7) == null ? null : HexFormat.of().parseHex(row.get(7).substring(2)),
                lastInTransaction);
    }

    boolean changesRows() {
        return kind == 'I' || kind == 'U' || kind == 'D' || kind == 'T';
    }

    boolean endsTransaction() {
        return watermark == lastInTransaction;
    }
}
