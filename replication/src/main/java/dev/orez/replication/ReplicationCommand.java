package dev.orez.replication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A command of the replication protocol, parsed from a Query on a {@code replication=database} connection. */
sealed interface ReplicationCommand {
    record IdentifySystem() implements ReplicationCommand {}

    /** {@code exportSnapshot}: the slot's consistent point is exported for SET TRANSACTION SNAPSHOT. */
    record CreateSlot(String name, boolean temporary, String plugin, boolean exportSnapshot)
            implements ReplicationCommand {}

    record DropSlot(String name) implements ReplicationCommand {}

    record StartReplication(String slot, long startLsn, Map<String, String> options) implements ReplicationCommand {}

    /** A replication command orez does not offer (physical replication, base backups, ...). */
    record Unsupported(String keyword) implements ReplicationCommand {}

    /** Anything else: SQL, run on the application database as on a real walsender. */
    record Sql(String text) implements ReplicationCommand {}

    static ReplicationCommand parse(String query) {
        List<String> tokens = Tokens.of(query);
        if (tokens.isEmpty()) {
            return new Sql(query);
        }
        String keyword = tokens.get(0).toUpperCase(Locale.ROOT);
        return switch (keyword) {
            case "IDENTIFY_SYSTEM" -> new IdentifySystem();
            case "CREATE_REPLICATION_SLOT" -> createSlot(tokens);
            case "DROP_REPLICATION_SLOT" -> new DropSlot(Tokens.name(tokens, 1));
            case "START_REPLICATION" -> startReplication(tokens);
            case "TIMELINE_HISTORY",
                    "BASE_BACKUP",
                    "READ_REPLICATION_SLOT",
                    "ALTER_REPLICATION_SLOT",
                    "UPLOAD_MANIFEST" -> new Unsupported(keyword);
            default -> new Sql(query);
        };
    }

    private static ReplicationCommand createSlot(List<String> tokens) {
        String name = Tokens.name(tokens, 1);
        int at = 2;
        boolean temporary = Tokens.is(tokens, at, "TEMPORARY");
        if (temporary) {
            at++;
        }
        if (Tokens.is(tokens, at, "PHYSICAL")) {
            return new Unsupported("CREATE_REPLICATION_SLOT ... PHYSICAL");
        }
        if (!Tokens.is(tokens, at, "LOGICAL")) {
            throw new IllegalArgumentException("syntax error: expected LOGICAL or PHYSICAL after the slot name");
        }
        String plugin = Tokens.name(tokens, at + 1);
        boolean export = true;
        for (String token : tokens.subList(at + 2, tokens.size())) {
            String word = token.toUpperCase(Locale.ROOT);
            if (word.equals("NOEXPORT_SNAPSHOT") || word.equals("'NOTHING'") || word.equals("USE_SNAPSHOT")) {
                export = false;
            }
        }
        return new CreateSlot(name, temporary, plugin, export);
    }

    private static ReplicationCommand startReplication(List<String> tokens) {
        if (!Tokens.is(tokens, 1, "SLOT") || !Tokens.is(tokens, 3, "LOGICAL")) {
            return new Unsupported("START_REPLICATION without SLOT ... LOGICAL");
        }
        String slot = Tokens.name(tokens, 2);
        long lsn = Lsn.parse(Tokens.unquoted(Tokens.at(tokens, 4)));
        Map<String, String> options = new LinkedHashMap<>();
        int at = 5;
        if (Tokens.is(tokens, at, "(")) {
            at++;
            while (at < tokens.size() && !tokens.get(at).equals(")")) {
                String option = Tokens.unquoted(tokens.get(at++));
                String value = null;
                if (at < tokens.size()
                        && !tokens.get(at).equals(",")
                        && !tokens.get(at).equals(")")) {
                    value = Tokens.unquoted(tokens.get(at++));
                }
                options.put(option.toLowerCase(Locale.ROOT), value);
                if (Tokens.is(tokens, at, ",")) {
                    at++;
                }
            }
        }
        return new StartReplication(slot, lsn, Map.copyOf(options));
    }

    /** The words, quoted names, literals and punctuation of a replication command. */
    final class Tokens {
        private Tokens() {}

        static List<String> of(String query) {
            List<String> tokens = new ArrayList<>();
            int i = 0;
            String text = query.strip();
            if (text.endsWith(";")) {
                text = text.substring(0, text.length() - 1);
            }
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '(' || c == ')' || c == ',') {
                    tokens.add(String.valueOf(c));
                    i++;
                } else if (c == '"' || c == '\'') {
                    int end = i + 1;
                    while (end < text.length()) {
                        if (text.charAt(end) == c) {
                            if (end + 1 < text.length() && text.charAt(end + 1) == c) {
                                end += 2;
                                continue;
                            }
                            break;
                        }
                        end++;
                    }
                    tokens.add(text.substring(i, Math.min(end + 1, text.length())));
                    i = end + 1;
                } else {
                    int end = i;
                    while (end < text.length()
                            && !Character.isWhitespace(text.charAt(end))
                            && "(),".indexOf(text.charAt(end)) < 0) {
                        end++;
                    }
                    tokens.add(text.substring(i, end));
                    i = end;
                }
            }
            return tokens;
        }

        static boolean is(List<String> tokens, int index, String word) {
            return index < tokens.size() && tokens.get(index).equalsIgnoreCase(word);
        }

        static String at(List<String> tokens, int index) {
            return Optional.ofNullable(index < tokens.size() ? tokens.get(index) : null)
                    .orElseThrow(() -> new IllegalArgumentException("syntax error: the command ends too early"));
        }

        /** An identifier: a quoted one keeps its case, a bare one is folded to lower case. */
        static String name(List<String> tokens, int index) {
            String token = at(tokens, index);
            return token.startsWith("\"") ? unquoted(token) : token.toLowerCase(Locale.ROOT);
        }

        static String unquoted(String token) {
            if (token.length() >= 2 && (token.charAt(0) == '"' || token.charAt(0) == '\'')) {
                char quote = token.charAt(0);
                return token.substring(1, token.length() - 1).replace("" + quote + quote, "" + quote);
            }
            return token;
        }
    }
}
