package dev.orez.cli.zero;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run zero-cache: {@code <node> <cliJs> [options]}.
 *
 * @param node a Node.js 22+ executable
 * @param cliJs the script of {@code @rocicorp/zero}'s {@code zero-cache} bin entry
 * @param source where this zero-cache comes from, in words for the user: {@code project node_modules ...} or
 *     {@code cache ~/.cache/orez/zero-1.9.0}
 */
public record ZeroCacheCommand(Path node, Path cliJs, String source) {
    public ZeroCacheCommand {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(cliJs, "cliJs");
        Objects.requireNonNull(source, "source");
    }
}
