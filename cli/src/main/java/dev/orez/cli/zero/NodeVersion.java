package dev.orez.cli.zero;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Node.js release number as {@code node --version} prints it: {@code v22.23.3}. */
record NodeVersion(int major, int minor, int patch) implements Comparable<NodeVersion> {
    /** zero-cache's {@code engines.node} asks for 22 or newer. */
    static final NodeVersion MINIMUM = new NodeVersion(22, 0, 0);

    // A suffix is allowed: nightly and release-candidate builds print e.g. v23.0.0-nightly20240501abcdef.
    private static final Pattern OUTPUT = Pattern.compile("v?(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})(?:[-+]\\S*)?");
    private static final Comparator<NodeVersion> ORDER = Comparator.comparingInt(NodeVersion::major)
            .thenComparingInt(NodeVersion::minor)
            .thenComparingInt(NodeVersion::patch);

    /** The version in {@code node --version}'s output, or empty if the output is something else. */
    static Optional<NodeVersion> parse(String output) {
        Matcher matcher = OUTPUT.matcher(output.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new NodeVersion(
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3))));
    }

    boolean canRunZeroCache() {
        return compareTo(MINIMUM) >= 0;
    }

    @Override
    public int compareTo(NodeVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch;
    }
}
