package dev.orez.cli.restore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects what went wrong, grouped by message pattern, so a dump with 240 {@code ALTER … OWNER TO prod}
 * for a missing role tells the user once, with a count, instead of 240 times.
 */
final class ProblemLog {
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

    private static final class Group {
        final String firstMessage;
        final long firstLine;
        final String firstExample;
        boolean messagesDiffer;
        long count;

        Group(String firstMessage, long firstLine, String firstExample) {
            this.firstMessage = firstMessage;
            this.firstLine = firstLine;
            this.firstExample = firstExample;
        }
    }

    private final RestoreListener listener;
    private final Map<String, Group> groups = new LinkedHashMap<>();

    ProblemLog(RestoreListener listener) {
        this.listener = listener;
    }

    /**
     * @param example the failed statement's start, or what was lost
     * @param alwaysTell tell the listener even when the kind was seen before (lost data)
     */
    void add(String message, long line, String example, boolean alwaysTell) {
        String pattern = QUOTED.matcher(message).replaceAll("\"…\"");
        Group group = groups.get(pattern);
        boolean first = group == null;
        if (first) {
            group = new Group(message, line, example);
            groups.put(pattern, group);
        } else if (!group.firstMessage.equals(message)) {
            group.messagesDiffer = true;
        }
        group.count++;
        if (first || alwaysTell) {
            listener.warning("line " + line + ": " + message + " — " + example);
        }
    }

    List<RestoreSummary.Problem> problems() {
        List<RestoreSummary.Problem> problems = new ArrayList<>();
        groups.forEach((pattern, group) -> problems.add(new RestoreSummary.Problem(
                group.messagesDiffer ? pattern : group.firstMessage,
                group.count,
                group.firstLine,
                group.firstExample)));
        problems.sort(Comparator.comparingLong(RestoreSummary.Problem::count).reversed());
        return problems;
    }
}
