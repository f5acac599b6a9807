package dev.orez.wasm.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NpmPackageTest {
    private static final String INTEGRITY =
            "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==";

    @Test
    void derivesTheRegistryPathAndAFlatCacheName() {
        NpmPackage scoped = new NpmPackage("@electric-sql/pglite", "0.5.16", INTEGRITY);
        NpmPackage unscoped = new NpmPackage("left-pad", "1.3.0", INTEGRITY);

        assertEquals("@electric-sql/pglite/-/pglite-0.5.16.tgz", scoped.tarballPath());
        assertEquals("electric-sql+pglite-0.5.16.tgz", scoped.cacheFileName());
        assertEquals("left-pad/-/left-pad-1.3.0.tgz", unscoped.tarballPath());
        assertEquals("left-pad-1.3.0.tgz", unscoped.cacheFileName());
    }

    @Test
    void namesAndVersionsThatCouldEscapeTheCacheAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NpmPackage("../evil", "1.0.0", INTEGRITY));
        assertThrows(IllegalArgumentException.class, () -> new NpmPackage("@a/b/c", "1.0.0", INTEGRITY));
        assertThrows(IllegalArgumentException.class, () -> new NpmPackage("pkg", "1.0.0/../x", INTEGRITY));
        assertThrows(IllegalArgumentException.class, () -> new NpmPackage("pkg", "^1.0.0", INTEGRITY));
    }

    @Test
    void onlyWellFormedSha512IntegritiesAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new Integrity("sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk="));
        assertThrows(IllegalArgumentException.class, () -> new Integrity("sha512-not*base64"));
        assertThrows(IllegalArgumentException.class, () -> new Integrity("sha512-AAAA"));
    }

    @Test
    void thePinnedPackagesAreWellFormed() {
        assertEquals("@electric-sql/pglite/-/pglite-0.5.16.tgz", PinnedPackages.PGLITE.tarballPath());
        assertEquals(
                "@electric-sql/pglite-pgvector/-/pglite-pgvector-0.0.15.tgz", PinnedPackages.PGVECTOR.tarballPath());
    }
}
