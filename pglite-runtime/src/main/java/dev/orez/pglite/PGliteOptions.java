package dev.orez.pglite;

import java.util.Objects;
import java.util.function.Consumer;

/** How to open an engine. Immutable; start from {@link #defaults()}. */
public final class PGliteOptions {
    private final String name;
    private final String user;
    private final String database;
    private final long stackSize;
    private final Consumer<String> log;

    private PGliteOptions(String name, String user, String database, long stackSize, Consumer<String> log) {
        this.name = name;
        this.user = user;
        this.database = database;
        this.stackSize = stackSize;
        this.log = log;
    }

    /**
     * Engine "pglite", user and database "postgres", a 512 MiB engine-thread stack (the interpreted SQL parser
     * and PL/pgSQL recurse deeply; the stack is reserved, not committed), Postgres's log lines to stderr.
     */
    public static PGliteOptions defaults() {
        return new PGliteOptions("pglite", "postgres", "postgres", 512L << 20, line -> System.err.println(line));
    }

    /** Names the engine's thread and its log lines. */
    public PGliteOptions withName(String name) {
        return new PGliteOptions(Objects.requireNonNull(name), user, database, stackSize, log);
    }

    public PGliteOptions withUser(String user) {
        return new PGliteOptions(name, Objects.requireNonNull(user), database, stackSize, log);
    }

    public PGliteOptions withStackSize(long bytes) {
        return new PGliteOptions(name, user, database, bytes, log);
    }

    /** Receives each line Postgres writes to its stderr (log messages, warnings, FATALs). */
    public PGliteOptions withLog(Consumer<String> log) {
        return new PGliteOptions(name, user, database, stackSize, Objects.requireNonNull(log));
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public String database() {
        return database;
    }

    public long stackSize() {
        return stackSize;
    }

    public Consumer<String> log() {
        return log;
    }
}
