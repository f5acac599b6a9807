package dev.orez.replication.pgoutput;

import java.util.List;
import java.util.Objects;

/**
 * A table as a pgoutput Relation message describes it; subscribers cache it by {@code oid} and decode every later
 * row of that table with these columns.
 *
 * @param replicaIdentity the {@code pg_class.relreplident} letter: 'd' default (primary key), 'n' nothing, 'f'
 *     full row, 'i' index
 */
public record Relation(int oid, String namespace, String name, char replicaIdentity, List<Column> columns) {
    public Relation {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if ("dnfi".indexOf(replicaIdentity) < 0) {
            throw new IllegalArgumentException("replica identity must be one of d, n, f, i: " + replicaIdentity);
        }
        columns = List.copyOf(columns);
    }

    /**
     * One column, in table order.
     *
     * @param typmod the type modifier ({@code pg_attribute.atttypmod}), -1 when the type has none
     * @param key whether the column is part of the replica identity, which tells subscribers how to find the row
     *     an update or delete refers to
     */
    public record Column(String name, int typeOid, int typmod, boolean key) {
        public Column {
            Objects.requireNonNull(name, "name");
        }
    }
}
