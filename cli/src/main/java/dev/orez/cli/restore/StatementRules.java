package dev.orez.cli.restore;

import dev.orez.proxy.rewrite.RewriteRules;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, from a statement's leading words, whether a dump statement is sent as it is, rewritten to be
 * idempotent, batched as data, or skipped.
 *
 * <p>Skipped: {@code SET transaction_timeout} (a PostgreSQL 17 setting that pg_dump 17+ always writes and
 * older servers reject); extensions the target does not have, with their comments; publications and
 * subscriptions, because orez runs its own replication; and everything in orez's schema {@code _orez},
 * which a dump of an orez database contains and the target's orez maintains itself (restoring its change
 * log or slots would replay stale replication state). Ownership and privilege statements are not skipped:
 * they are tried, and fail harmlessly when the role is missing.
 *
 * <p>Rewritten, so a restore into a database that already has them does not stop there: {@code CREATE
 * SCHEMA} gets {@code IF NOT EXISTS}, {@code CREATE FUNCTION}, {@code PROCEDURE} and {@code VIEW} get
 * {@code OR REPLACE}.
 */
final class StatementRules {
    static final String TRANSACTION_TIMEOUT = "SET transaction_timeout (PostgreSQL 17+ only)";
    static final String REPLICATION = "publication or subscription (orez runs its own replication)";
    static final String OREZ_SCHEMA = "orez's own schema _orez (orez maintains it)";
    static final String INTERNAL_SCHEMA = RewriteRules.INTERNAL_SCHEMA;

    private final Set<String> availableExtensions;

    /** @param availableExtensions names from the target's {@code pg_available_extensions} */
    StatementRules(Set<String> availableExtensions) {
        this.availableExtensions = Set.copyOf(availableExtensions);
    }

    static String missingExtension(String name) {
        return "extension " + name + " (not available here)";
    }

    /** @throws DumpFormatException for {@code SET client_encoding} to anything but UTF-8 */
    Step classify(String sql) {
        SqlTokens tokens = new SqlTokens(sql);
        SqlTokens.Token first = tokens.next();
        boolean data = first.isWord("insert") || first.isWord("update") || first.isWord("delete");
        if (touchesInternalSchema(sql, !data)) {
            return new Step.Skip(OREZ_SCHEMA);
        }
        if (data) {
            return new Step.Data();
        }
        if (first.isWord("set")) {
            return set(sql, tokens);
        }
        if (first.isWord("create")) {
            return create(sql, first, tokens);
        }
        if (first.isWord("drop") || first.isWord("alter")) {
            return byObjectKind(sql, tokens.next(), tokens);
        }
        if (first.isWord("comment") && tokens.next().isWord("on")) {
            return byObjectKind(sql, tokens.next(), tokens);
        }
        return run(sql);
    }

    private static Step set(String sql, SqlTokens tokens) {
        SqlTokens.Token setting = tokens.next();
        if (setting.isWord("session")) {
            setting = tokens.next();
        }
        if (setting.isWord("transaction_timeout")) {
            return new Step.Skip(TRANSACTION_TIMEOUT);
        }
        if (setting.isWord("client_encoding")) {
            tokens.next(); // = or TO
            String encoding = tokens.next().stringValue();
            String normalized = encoding.replaceAll("[-_]", "").toUpperCase(Locale.ROOT);
            if (!normalized.equals("UTF8") && !normalized.equals("UNICODE")) {
                throw new DumpFormatException("the dump is in encoding " + encoding
                        + "; only UTF-8 dumps can be restored (make it with pg_dump --encoding=UTF8)");
            }
        }
        return run(sql);
    }

    private Step create(String sql, SqlTokens.Token create, SqlTokens tokens) {
        SqlTokens.Token what = tokens.next();
        boolean replaces = what.isWord("or");
        if (replaces) {
            tokens.next(); // REPLACE
            what = tokens.next();
        }
        if (what.isWord("constraint")) {
            what = tokens.next();
        }
        if (what.isWord("trigger")) {
            return trigger(sql, tokens);
        }
        if (replaces) {
            return run(sql); // idempotent already
        }
        if (what.isWord("schema")) {
            return createSchema(sql, what, tokens);
        }
        if (what.isWord("function") || what.isWord("procedure")) {
            return run(insertAfter(sql, create, "OR REPLACE"));
        }
        SqlTokens.Token afterModifiers = what;
        while (afterModifiers.isWord("temp")
                || afterModifiers.isWord("temporary")
                || afterModifiers.isWord("recursive")) {
            afterModifiers = tokens.next();
        }
        if (afterModifiers.isWord("view")) {
            return run(insertAfter(sql, create, "OR REPLACE"));
        }
        return byObjectKind(sql, what, tokens);
    }

    /** The object kinds skipped whatever the verb: CREATE, DROP, ALTER or COMMENT ON. */
    private Step byObjectKind(String sql, SqlTokens.Token what, SqlTokens tokens) {
        if (what.isWord("publication") || what.isWord("subscription")) {
            return new Step.Skip(REPLICATION);
        }
        if (what.isWord("extension")) {
            SqlTokens.Token name = tokens.next();
            while (name.isWord("if") || name.isWord("not") || name.isWord("exists")) {
                name = tokens.next();
            }
            if (name.isName() && !availableExtensions.contains(name.name())) {
                return new Step.Skip(missingExtension(name.name()));
            }
        }
        return run(sql);
    }

    /** After the word TRIGGER: its name, the table after ON, the function after EXECUTE FUNCTION. */
    private static Step trigger(String sql, SqlTokens tokens) {
        String name = tokens.next().text();
        String table = null;
        String function = null;
        for (SqlTokens.Token token = tokens.next(); token.kind() != SqlLexer.Kind.END; token = tokens.next()) {
            if (table == null && token.isWord("on")) {
                table = qualifiedName(tokens, tokens.next());
            } else if (token.isWord("execute")) {
                tokens.next(); // FUNCTION or PROCEDURE
                function = qualifiedName(tokens, tokens.next());
                break;
            }
        }
        return new Step.Run(sql, new Step.TriggerStatement(name, table, function));
    }

    private static String qualifiedName(SqlTokens tokens, SqlTokens.Token first) {
        StringBuilder name = new StringBuilder(first.text());
        for (SqlTokens.Token token = tokens.next(); token.isSymbol('.'); token = tokens.next()) {
            name.append('.').append(tokens.next().text());
        }
        return name.toString();
    }

    /**
     * Whether the statement names something in {@code _orez}: a name qualified with it, the schema itself,
     * or (with {@code withStrings}; not for data statements, whose strings are the data) a string such as
     * {@code setval('_orez.watermarks', …)}. Most statements never mention it, and a plain text search rules
     * them out without tokenizing.
     */
    static boolean touchesInternalSchema(String sql, boolean withStrings) {
        if (!containsIgnoreCase(sql, INTERNAL_SCHEMA)) {
            return false;
        }
        SqlTokens tokens = new SqlTokens(sql);
        SqlTokens.Token previous = null;
        SqlTokens.Token token = tokens.next();
        while (token.kind() != SqlLexer.Kind.END) {
            SqlTokens.Token next = tokens.next();
            boolean internal = token.isName() && token.name().equals(INTERNAL_SCHEMA);
            if (internal && (next.isSymbol('.') || (previous != null && previous.isWord("schema")))) {
                return true;
            }
            if (withStrings
                    && token.kind() == SqlLexer.Kind.STRING
                    && token.stringValue().startsWith(INTERNAL_SCHEMA + ".")) {
                return true;
            }
            previous = token;
            token = next;
        }
        return false;
    }

    /** {@code underscored} starts with an underscore, so only the (few) underscores need a closer look. */
    private static boolean containsIgnoreCase(String text, String underscored) {
        for (int i = text.indexOf('_'); i >= 0; i = text.indexOf('_', i + 1)) {
            if (text.regionMatches(true, i, underscored, 0, underscored.length())) {
                return true;
            }
        }
        return false;
    }

    private static Step createSchema(String sql, SqlTokens.Token schemaWord, SqlTokens tokens) {
        SqlTokens.Token name = tokens.next();
        boolean idempotent = name.isWord("if");
        while (name.isWord("if") || name.isWord("not") || name.isWord("exists")) {
            name = tokens.next();
        }
        String statement = idempotent ? sql : insertAfter(sql, schemaWord, "IF NOT EXISTS");
        if (!name.isName() || name.isWord("authorization")) {
            return run(statement); // CREATE SCHEMA AUTHORIZATION role: named after the role, pg_dump never writes it
        }
        return new Step.CreateSchema(statement, name.text());
    }

    private static String insertAfter(String sql, SqlTokens.Token token, String words) {
        return sql.substring(0, token.end()) + " " + words + sql.substring(token.end());
    }

    private static Step run(String sql) {
        return new Step.Run(sql, null);
    }
}
