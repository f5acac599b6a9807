/**
 * The engine of {@code orez pg_restore}: streams a plain-SQL dump made by {@code pg_dump} (PostgreSQL 15
 * to 18) into a database in constant memory, and reports progress and a summary.
 *
 * <p>{@link dev.orez.cli.restore.DumpReader} splits the file with a real lexer (quotes, dollar quotes and
 * comments hide semicolons) into statements, psql meta-commands and COPY blocks whose rows are read as they
 * are sent. {@link dev.orez.cli.restore.DumpRestore} decides per statement ({@code StatementRules}: skip,
 * make idempotent, batch as data, or run) and sends it to a {@link dev.orez.cli.restore.RestoreTarget}:
 * {@link dev.orez.cli.restore.EngineTarget} for an engine in this JVM, {@link
 * dev.orez.cli.restore.JdbcTarget} for a running orez (through its proxy) or any Postgres. COPY data goes
 * with the COPY protocol, never rewritten into INSERTs. What did not make it is in the {@link
 * dev.orez.cli.restore.RestoreSummary}, grouped so a thousand identical errors are one line.
 */
package dev.orez.cli.restore;
