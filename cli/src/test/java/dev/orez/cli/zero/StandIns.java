package dev.orez.cli.zero;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Small real files the provisioning tests run against: a zero package's layout, a node that prints a version. */
final class StandIns {
    static final String ZERO_CLI = "out/zero/src/cli.js";

    private StandIns() {}

    /** {@code <dir>/node_modules/@rocicorp/zero} with a package.json whose bin names the cli, as 1.9.0's does. */
    static Path zeroPackage(Path dir, String version) throws IOException {
        Path zero = dir.resolve("node_modules/@rocicorp/zero");
        Files.createDirectories(zero.resolve(ZERO_CLI).getParent());
        Files.writeString(zero.resolve(ZERO_CLI), "// zero-cache\n");
        Files.writeString(
                zero.resolve("package.json"),
                "{\n  \"name\": \"@rocicorp/zero\",\n  \"version\": \"" + version + "\",\n  \"bin\": {\n"
                        + "    \"zero-build-schema\": \"./out/zero/src/build-schema.js\",\n"
                        + "    \"zero-cache\": \"./" + ZERO_CLI + "\"\n  }\n}\n");
        return zero;
    }

    /** An executable {@code <dir>/node} that answers {@code --version} with {@code version}, as node does. */
    static Path nodePrinting(Path dir, String version) throws IOException {
        Files.createDirectories(dir);
        Path node = dir.resolve("node");
        Files.writeString(node, "#!/bin/sh\necho " + version + "\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        return node;
    }
}
