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
    /** The values the Relation announces, from all of a row's values; a row shorter than now (captured
     * before an ADD COLUMN) is padded with NULLs. */
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
