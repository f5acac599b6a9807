package dev.orez.pglite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Extension side modules from the image load with CREATE EXTENSION and work through indexes. */
class ExtensionsTest extends OneEngineTest {

    private Replies query(String sql) {
        Replies r = new Replies(pg.execProtocolRaw(Frontend.query(sql)));
        assertTrue(r.errors().isEmpty(), sql + " -> " + r.errors());
        return r;
    }

    /** The EXPLAIN output of {@code sql}, one plan line per line. */
    private String plan(String sql) {
        return String.join(
                "\n",
                query("EXPLAIN " + sql).rows().stream().map(row -> row.get(0)).toList());
    }

    @Test
    void vectorDistancesAndAnHnswIndex() {
        query("CREATE EXTENSION vector");
        assertEquals(
                "2.8284271247461903",
                query("SELECT '[1,2,3]'::vector <-> '[3,2,1]'").single());
        query("CREATE TABLE items (id int, embedding vector(3))");
        query("INSERT INTO items SELECT i, ARRAY[i, i * 2, i * 3]::vector FROM generate_series(1, 500) i");
        query("CREATE INDEX ON items USING hnsw (embedding vector_l2_ops)");
        query("SET enable_seqscan = off");
        String plan = plan("SELECT id FROM items ORDER BY embedding <-> '[10.2,20.4,30.6]' LIMIT 3");
        assertTrue(plan.contains("items_embedding_idx"), plan);
        // no ties: 10 is 0.2 steps away, 11 is 0.8 steps, 9 is 1.2 steps
        assertEquals(
                List.of(List.of("10"), List.of("11"), List.of("9")),
                query("SELECT id FROM items ORDER BY embedding <-> '[10.2,20.4,30.6]' LIMIT 3")
                        .rows());
        query("RESET enable_seqscan");
    }

    @Test
    void trigramSimilarityAndAGinIndex() {
        query("CREATE EXTENSION pg_trgm");
        assertEquals(
                "0.6363636", query("SELECT similarity('postgres', 'postgrex')").single());
        query("CREATE TABLE words (w text)");
        query("INSERT INTO words SELECT 'word' || i FROM generate_series(1, 2000) i");
        query("CREATE INDEX words_trgm ON words USING gin (w gin_trgm_ops)");
        query("SET enable_seqscan = off");
        String plan = plan("SELECT w FROM words WHERE w LIKE '%rd1999%'");
        assertTrue(plan.contains("words_trgm"), plan);
        assertEquals(
                "word1999", query("SELECT w FROM words WHERE w LIKE '%rd1999%'").single());
        query("RESET enable_seqscan");
    }

    @Test
    void hstoreAndCitextFromTheContribSet() {
        query("CREATE EXTENSION hstore");
        assertEquals("2", query("SELECT ('a=>1, b=>2'::hstore) -> 'b'").single());
        query("CREATE EXTENSION citext");
        assertEquals("t", query("SELECT 'Hello'::citext = 'hELLO'::citext").single());
    }

    @Test
    void anExtensionThatDoesNotExistIsAnSqlErrorAndTheEngineCarriesOn() {
        Replies r = new Replies(pg.execProtocolRaw(Frontend.query("CREATE EXTENSION no_such_extension")));
        assertEquals("0A000", r.errors().get(0).get('C'));
        assertEquals("1", query("SELECT 1").single());
    }
}
