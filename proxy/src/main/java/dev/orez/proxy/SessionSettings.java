package dev.orez.proxy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One connection's own session settings (its startup parameters, then whatever it SETs). The engine has one
 * session for all connections, so when ownership passes to a connection whose settings differ from what the
 * engine has, they are put in place first: {@code RESET ALL} and then each of its own.
 */
final class SessionSettings {
    /** Startup parameters that are not settings. */
    private static final Set<String> NOT_SETTINGS = Set.of("user", "database", "replication", "options");

    /** A statement that may change session-level settings (SET LOCAL and SET TRANSACTION only touch a transaction). */
    private static final Pattern CHANGES_SESSION = Pattern.compile(
            "(?:^|;)\\s*(?:(?:SET|RESET)\\s+(?!LOCAL\\b|TRANSACTION\\b|CONSTRAINTS\\b|orez\\.noop\\b)|DISCARD\\b)"
                    + "|\\bset_config\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    /** Reads back what a connection's session settings became after it changed them. */
    static final String CAPTURE_SQL =
            "SELECT name, setting FROM pg_settings WHERE source = 'session' AND name <> 'orez.noop' ORDER BY name";

    private SessionSettings() {}

    static Map<String, String> fromStartup(Map<String, String> parameters) {
        Map<String, String> settings = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (!NOT_SETTINGS.contains(name)) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    static boolean changesSession(String sql) {
        return CHANGES_SESSION.matcher(sql).find();
    }

    /** One simple query that turns the engine's session settings into {@code settings}. */
    static String restoreSql(Map<String, String> settings) {
        StringBuilder sql = new StringBuilder("RESET ALL");
        if (!settings.isEmpty()) {
            sql.append("; SELECT ");
            String separator = "";
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                sql.append(separator)
                        .append("set_config(")
                        .append(literal(setting.getKey()))
                        .append(", ")
                        .append(literal(setting.getValue()))
                        .append(", false)");
                separator = ", ";
            }
        }
        return sql.toString();
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
