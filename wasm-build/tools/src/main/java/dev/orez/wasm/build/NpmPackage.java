package dev.orez.wasm.build;

import java.util.Objects;
import java.util.regex.Pattern;

/** One exact npm package version and the integrity its tarball must have. */
public record NpmPackage(String name, String version, Integrity integrity) {
    // npm's own name rules (lower-case, optional scope) also keep the derived URL path and cache file name safe.
    private static final Pattern NAME = Pattern.compile("(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]+");

    public NpmPackage {
        Objects.requireNonNull(integrity, "integrity");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an npm package name: " + name);
        }
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("not an exact version of " + name + ": " + version);
        }
    }

    public NpmPackage(String name, String version, String integrity) {
        this(name, version, new Integrity(integrity));
    }

    /** The name without its scope: {@code @electric-sql/pglite} → {@code pglite}. */
    String unscopedName() {
        return name.substring(name.indexOf('/') + 1);
    }

    /** The tarball's path below the registry base, the layout every npm registry serves. */
    String tarballPath() {
        return name + "/-/" + unscopedName() + "-" + version + ".tgz";
    }

    /**
     * The cache file name: {@code @electric-sql/pglite} → {@code electric-sql+pglite-0.5.16.tgz}. The scope stays in
     * the name so two scopes' packages of the same name cannot share a file.
     */
    String cacheFileName() {
        return name.replace("@", "").replace('/', '+') + "-" + version + ".tgz";
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
