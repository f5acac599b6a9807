package dev.orez.replication;

import dev.orez.replication.pgoutput.Relation;
import dev.orez.replication.wire.QueryResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads tables' shapes from the catalog: real type OIDs and typmods, key columns by replica identity. */
final class RelationCatalog {
    private RelationCatalog() {}

    /** One query describing every table in {@code relids}, and whether it is in {@code publications}. */
    static String query(Collection<Long> relids, Set<String> publications) {
        String ids = relids.stream().map(String::valueOf).collect(Collectors.joining(","));
        return """
                WITH published AS (
                    SELECT DISTINCT schemaname, tablename FROM pg_publication_tables WHERE pubname = ANY (%s))
                SELECT c.oid, n.nspname, c.relname, c.relreplident, a.attname, a.atttypid, a.atttypmod,
                       a.attgenerated <> '' AS generated,
                       CASE c.relreplident
                           WHEN 'f' THEN true
                           WHEN 'n' THEN false
                           ELSE coalesce(a.attnum = ANY (i.indkey), false) END AS key,
                       p.tablename IS NOT NULL AS published
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                LEFT JOIN pg_index i ON i.indrelid = c.oid
                    AND ((c.relreplident = 'd' AND i.indisprimary) OR (c.relreplident = 'i' AND i.indisreplident))
                LEFT JOIN published p ON p.schemaname = n.nspname AND p.tablename = c.relname
                WHERE c.oid IN (%s)
                ORDER BY c.oid, a.attnum
                """.formatted(Sql.textArray(publications), ids);
    }

    /** The shapes in {@code result} of {@link #query}, by relid. A table dropped since has none. */
    static Map<Long, TableShape> shapes(QueryResult result) {
        Map<Long, List<List<String>>> byTable = new HashMap<>();
        for (List<String> row : result.rows()) {
            byTable.computeIfAbsent(Long.parseLong(row.get(0)), id -> new ArrayList<>())
                    .add(row);
        }
        Map<Long, TableShape> shapes = new HashMap<>();
        byTable.forEach((relid, rows) -> shapes.put(relid, shape(relid, rows)));
        return shapes;
    }

    private static TableShape shape(long relid, List<List<String>> attributes) {
        List<String> first = attributes.get(0);
        List<Relation.Column> columns = new ArrayList<>();
        List<Boolean> sent = new ArrayList<>();
        for (List<String> attribute : attributes) {
            boolean generated = "t".equals(attribute.get(7));
            sent.add(!generated);
            if (!generated) {
                columns.add(new Relation.Column(
                        attribute.get(4),
                        Integer.parseInt(attribute.get(5)),
                        Integer.parseInt(attribute.get(6)),
                        "t".equals(attribute.get(8))));
            }
        }
        Relation relation = new Relation(
                (int) relid, first.get(1), first.get(2), first.get(3).charAt(0), columns);
        return new TableShape(relation, sent, "t".equals(first.get(9)));
    }
}
