package dev.orez.cli.restore;

/** One thing a {@link DumpReader} found in a dump: a statement, a psql meta-command, or a COPY with its data. */
public sealed interface DumpItem permits DumpItem.Statement, DumpItem.MetaCommand, CopyBlock {
    /** The line of the file the item starts on, counting from 1. */
    long line();

    /** An SQL statement without its terminating semicolon and without the comments before it. */
    record Statement(String sql, long line) implements DumpItem {}

    /** A psql meta-command line such as {@code \restrict KEY} or {@code \connect db}. */
    record MetaCommand(String text, long line) implements DumpItem {}
}
