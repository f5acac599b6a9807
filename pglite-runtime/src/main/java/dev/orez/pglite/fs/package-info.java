/**
 * The virtual file system PGlite's syscalls run against: one mount table per engine whose root is an
 * in-memory tree seeded from the read-only Postgres distribution in the jar (copy-on-write, nothing is
 * extracted to disk), with PGDATA mounted from a real host directory so data survives restarts and crashes.
 *
 * <p>Errors are {@link dev.orez.pglite.fs.ErrnoException}s carrying Emscripten's errno numbers; the syscall
 * layer turns them into the negative (POSIX syscalls) or positive (WASI) return values the guest expects.
 */
package dev.orez.pglite.fs;
