/**
 * The database steps of orez's startup, in the order the orchestrator calls them: {@link
 * dev.orez.cli.db.OrezDataDir} (create and claim the data directory, upgrade the old layout), then on the
 * application engine through a {@link dev.orez.cli.db.SqlSession}: {@link dev.orez.cli.db.DefaultExtensions},
 * {@link dev.orez.cli.db.MigrationRunner}, {@link dev.orez.cli.db.Seeder}; and the user's lifecycle hooks,
 * {@link dev.orez.cli.db.ShellHook} with the variables of {@link dev.orez.cli.db.HookEnvironment}.
 *
 * <p>Failures the user must act on are {@link dev.orez.cli.db.StartupStepException}s whose message names
 * the file, hook or directory at fault. Migration files and the seed are each applied in one transaction
 * together with the row that records them ({@code TransactionalScript}), falling back to statement by
 * statement for files that cannot run in a transaction block.
 */
package dev.orez.cli.db;
