package dev.orez.replication;

import dev.orez.replication.wire.QueryResult;
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

    /** Changes after {@code cursor}, each with its transaction's last watermark, at most {@code limit}. */
    static String query(long cursor, int limit) {
        return """
                WITH batch AS (
                    SELECT * FROM _orez.changes WHERE watermark > %d ORDER BY watermark LIMIT %d),
                ends AS (
                    SELECT t.xid, (SELECT c.watermark FROM _orez.changes c WHERE c.xid = t.xid
                                   ORDER BY c.watermark DESC LIMIT 1) AS last
                    FROM (SELECT DISTINCT xid FROM batch) t)
                SELECT b.watermark, b.xid, b.kind, b.relid, b.new_row, b.old_row, b.prefix, b.content, e.last
                FROM batch b JOIN ends e USING (xid)
                ORDER BY b.watermark
                """.formatted(cursor, limit);
    }

    static List<Change> of(QueryResult result) {
        return result.rows().stream().map(Change::of).toList();
    }

    private static Change of(List<String> row) {
        return new Change(
                Long.parseLong(row.get(0)),
                Long.parseLong(row.get(1)),
                row.get(2).charAt(0),
                row.get(3) == null ? 0 : Long.parseLong(row.get(3)),
                row.get(4),
                row.get(5),
                row.get(6),
                row.get(7) == null ? null : HexFormat.of().parseHex(row.get(7).substring(2)),
                Long.parseLong(row.get(8)));
    }

    boolean changesRows() {
        return kind == 'I' || kind == 'U' || kind == 'D' || kind == 'T';
    }

    boolean endsTransaction() {
        return watermark == lastInTransaction;
    }
}
