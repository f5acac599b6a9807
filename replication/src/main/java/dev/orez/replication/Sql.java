package dev.orez.replication;

import java.util.Collection;
import java.util.stream.Collectors;

/** SQL literals for the statements replication builds (standard_conforming_strings is always on). */
final class Sql {
    private Sql() {}

    static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /** A text[] literal, e.g. {@code ARRAY['a','b']::text[]}. */
    static String textArray(Collection<String> values) {
        return values.stream().map(Sql::literal).collect(Collectors.joining(",", "ARRAY[", "]::text[]"));
    }
}
