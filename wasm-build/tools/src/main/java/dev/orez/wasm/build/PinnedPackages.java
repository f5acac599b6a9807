package dev.orez.wasm.build;

/**
 * Every npm package the build consumes, one line each. The integrity is the registry's {@code dist.integrity}; a
 * tarball that does not match it is never used.
 */
final class PinnedPackages {
    static final NpmPackage PGLITE = new NpmPackage(
            "@electric-sql/pglite",
            "0.5.16",
            "sha512-Nj8KcIsJL748W408U2N8q4+9IlONdpRIU8MJypIAAINMJ5nqKyqpX7Mgg/5XKkXiAib3AoZGR6hnJFlrlLBrcg==");
    /** pg_dump.wasm: PGlite's build of Postgres 18's pg_dump (18.3; PGlite 0.5.16 runs 18.6). */
    static final NpmPackage PGLITE_TOOLS = new NpmPackage(
            "@electric-sql/pglite-tools",
            "0.4.8",
            "sha512-WjgS8US6xfuE0wLYn5m9WrZ/+8dQWoQuQSRkpe7eYcxxx1UjZjvq30rpYSHfGrGtTke/zNiCd9ijVGeRUD8ukg==");

    static final NpmPackage PGVECTOR = new NpmPackage(
            "@electric-sql/pglite-pgvector",
            "0.0.15",
            "sha512-t022ZzaH95MD+FFY+1f1gw8NqSEot3ZW7XM8jNQnEJDcWN+dUaosS/CKqJHFCopGUSE4cwsc18ucbx5trd3jtQ==");

    /**
     * zero-cache's SQLite: better-sqlite3 over SQLite's bedrock branch. Its tarball carries the amalgamation and the
     * compile-time defines of the native addon, which the WebAssembly build reuses. The version zero 1.9.0 pins.
     */
    static final NpmPackage ZERO_SQLITE3 = new NpmPackage(
            "@rocicorp/zero-sqlite3",
            "1.1.4",
            "sha512-hD2O9HzGTV05uioaztu5dq2mzcv7/t2hQqBiFWKPW0vBsVynyw6PT7QN2eHHSTg/awkM/E8e5lv8N0oXU5bVSQ==");

    private PinnedPackages() {}
}
