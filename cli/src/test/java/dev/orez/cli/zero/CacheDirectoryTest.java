package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheDirectoryTest {
    private static Path cacheDir(Map<String, String> env) {
        return ZeroCacheLocator.defaultCacheDir(env::get, "/home/dev");
    }

    @Test
    void orezCacheDirWinsOverEverything() {
        assertEquals(
                Path.of("/srv/orez-cache"),
                cacheDir(Map.of("OREZ_CACHE_DIR", "/srv/orez-cache", "XDG_CACHE_HOME", "/xdg")));
    }

    @Test
    void xdgCacheHomeIsUsedWhenSet() {
        assertEquals(Path.of("/xdg/orez"), cacheDir(Map.of("XDG_CACHE_HOME", "/xdg")));
    }

    @Test
    void aRelativeXdgCacheHomeIsIgnoredAsTheSpecSays() {
        assertEquals(Path.of("/home/dev/.cache/orez"), cacheDir(Map.of("XDG_CACHE_HOME", "relative/cache")));
    }

    @Test
    void otherwiseTheCacheIsUnderTheHomeDirectory() {
        assertEquals(Path.of("/home/dev/.cache/orez"), cacheDir(Map.of()));
        assertEquals(Path.of("/home/dev/.cache/orez"), cacheDir(Map.of("OREZ_CACHE_DIR", " ")));
    }
}
