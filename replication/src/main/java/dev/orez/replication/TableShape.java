package dev.orez.replication;

import dev.orez.replication.pgoutput.Relation;
import java.util.ArrayList;
import java.util.List;

/**
 * A published table as a stream describes it: its Relation message, and how a captured row (every stored
 * column, in attribute order, as the row's record text lists them) maps onto the Relation's columns, which
 * leave out generated columns as pgoutput does.
 *
 * @param published whether the table is in one of the stream's publications
 * @param sent whether the attribute at each position of the row is sent
 */
record TableShape(Relation relation, List<Boolean> sent, boolean published) {
    /**
     * The table as a row captured with {@code attributes} values saw it: a row captured before an ADD COLUMN
     * is shorter than the table is now, and the columns added since are the last ones.
     */
    TableShape asCapturedWith(int attributes) {
        if (attributes >= sent.size()) {
            return this;
        }
        List<Boolean> sentThen = sent.subList(0, attributes);
        int columnsThen = (int) sentThen.stream().filter(Boolean::booleanValue).count();
        Relation then = new Relation(
                relation.oid(),
                relation.namespace(),
                relation.name(),
                relation.replicaIdentity(),
                relation.columns().subList(0, columnsThen));
        return new TableShape(then, List.copyOf(sentThen), published);
    }

    /** The values the Relation announces, from all of a row's values. */
    List<String> tuple(List<String> rowValues) {
        List<String> tuple = new ArrayList<>(relation.columns().size());
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i)) {
                tuple.add(i < rowValues.size() ? rowValues.get(i) : null);
            }
        }
        return tuple;
    }

    /** The key columns' values and NULL for the rest, as a 'K' tuple carries them. */
    List<String> keyOnly(List<String> tuple) {
        List<String> key = new ArrayList<>(tuple.size());
        for (int i = 0; i < tuple.size(); i++) {
            key.add(relation.columns().get(i).key() ? tuple.get(i) : null);
        }
        return key;
    }

    boolean keyDiffers(List<String> oldTuple, List<String> newTuple) {
        for (int i = 0; i < newTuple.size(); i++) {
            if (relation.columns().get(i).key() && !java.util.Objects.equals(oldTuple.get(i), newTuple.get(i))) {
                return true;
            }
        }
        return false;
    }
}
