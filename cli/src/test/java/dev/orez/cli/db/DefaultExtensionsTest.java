package dev.orez.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultExtensionsTest extends EngineTest {
    @Test
    void createsPlpgsqlVectorAndTrigramOnceAndAgainWithoutComplaint() {
        assertEquals(DefaultExtensions.NAMES, DefaultExtensions.install(db));
        assertEquals(DefaultExtensions.NAMES, DefaultExtensions.install(db));

        List<String> present = rows("SELECT extname FROM pg_extension").stream()
                .map(row -> row.get(0))
                .toList();
        assertTrue(present.containsAll(List.of("plpgsql", "vector", "pg_trgm")), present.toString());
        assertEquals("t", single("SELECT similarity('orez', 'orez') = 1 AND '[1,2]'::vector <-> '[1,2]' = 0"));
    }
}
