package dev.orez.cli.restore;

/** What to do with one statement of a dump, as {@link StatementRules} decided it. */
sealed interface Step permits Step.Skip, Step.Data, Step.Run, Step.CreateSchema {
    /** Not sent at all. */
    record Skip(String reason) implements Step {}

    /** INSERT, UPDATE or DELETE: sent in batches of transactions. */
    record Data() implements Step {}

    /**
     * Anything else, sent on its own; {@code sql} may be rewritten to be idempotent. {@code trigger} is set
     * for {@code CREATE TRIGGER}, so a failure can name what was lost.
     */
    record Run(String sql, TriggerStatement trigger) implements Step {}

    /** {@code CREATE SCHEMA}, made idempotent; {@code name} as written, so {@code --clean} can drop it first. */
    record CreateSchema(String sql, String name) implements Step {}

    /** The parts of a {@code CREATE TRIGGER} a message needs, as written. */
    record TriggerStatement(String name, String table, String function) {}
}
