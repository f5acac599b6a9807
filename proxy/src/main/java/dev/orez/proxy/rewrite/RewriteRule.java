package dev.orez.proxy.rewrite;

import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rewrite: every match of {@code pattern} that starts in code (not in a literal or comment, nor, unless
 * {@code inBodies}, in a dollar-quoted body) is replaced by what {@code replacement} makes of it.
 */
public record RewriteRule(
        String name, String why, Pattern pattern, Function<MatchResult, String> replacement, boolean inBodies) {
    static RewriteRule of(String name, String why, String regex, Function<MatchResult, String> replacement) {
        return new RewriteRule(name, why, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), replacement, false);
    }

    /** This rule also applies inside dollar-quoted bodies (still never inside literals or comments). */
    RewriteRule alsoInBodies() {
        return new RewriteRule(name, why, pattern, replacement, true);
    }

    static RewriteRule replacing(String name, String why, String regex, String literalReplacement) {
        return of(name, why, regex, match -> literalReplacement);
    }

    String apply(String sql) {
        Matcher matcher = pattern.matcher(sql);
        if (!matcher.find()) {
            return sql;
        }
        SqlText text = new SqlText(sql, inBodies);
        StringBuilder out = new StringBuilder(sql.length());
        int copied = 0;
        do {
            if (text.isCode(matcher.start())) {
                out.append(sql, copied, matcher.start()).append(replacement.apply(matcher.toMatchResult()));
                copied = matcher.end();
            }
        } while (matcher.find());
        return out.append(sql, copied, sql.length()).toString();
    }
}
