package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.cli.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The package.json and package-lock.json orez installs zero-cache from with {@code npm ci}. */
class ShippedLockfileTest {
    private static Map<?, ?> resource(String name) {
        return (Map<?, ?>) Json.parse(new String(CachedZeroInstall.resource(name), StandardCharsets.UTF_8));
    }

    @Test
    void thePackageJsonAsksForExactlyThePinnedZero() {
        Map<?, ?> dependencies = (Map<?, ?>) resource("package.json").get("dependencies");

        assertEquals(Map.of(PinnedDownloads.ZERO_PACKAGE, PinnedDownloads.ZERO_VERSION), dependencies);
    }

    @Test
    void theLockfilePinsThePinnedZero() {
        Map<?, ?> packages = (Map<?, ?>) resource("package-lock.json").get("packages");
        Map<?, ?> zero = (Map<?, ?>) packages.get("node_modules/" + PinnedDownloads.ZERO_PACKAGE);

        assertEquals(PinnedDownloads.ZERO_VERSION, zero.get("version"));
    }

    @Test
    void everyLockedPackageCarriesASha512Integrity() {
        Map<?, ?> packages = (Map<?, ?>) resource("package-lock.json").get("packages");

        int locked = 0;
        for (Map.Entry<?, ?> entry : packages.entrySet()) {
            if (entry.getKey().equals("")) {
                continue;
            }
            Object integrity = ((Map<?, ?>) entry.getValue()).get("integrity");
            assertTrue(
                    integrity instanceof String text && text.startsWith("sha512-"),
                    entry.getKey() + " has no sha512 integrity: " + integrity);
            locked++;
        }
        assertTrue(locked > 100, "zero-cache has hundreds of dependencies, the lockfile lists " + locked);
    }

    @Test
    void theLockfileNamesNoRegistrySoNpmUsesTheConfiguredOne() {
        String lockfile = new String(CachedZeroInstall.resource("package-lock.json"), StandardCharsets.UTF_8);

        assertTrue(!lockfile.contains("\"resolved\""), "a \"resolved\" URL would bypass the user's registry");
    }
}
