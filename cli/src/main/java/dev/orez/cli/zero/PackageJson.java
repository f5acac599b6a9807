package dev.orez.cli.zero;

import dev.orez.cli.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** An installed npm package's package.json: its name, version and the scripts its {@code "bin"} names. */
final class PackageJson {
    private final Path packageDir;
    private final Map<?, ?> fields;

    private PackageJson(Path packageDir, Map<?, ?> fields) {
        this.packageDir = packageDir;
        this.fields = fields;
    }

    /** The package.json in {@code packageDir}. */
    static PackageJson read(Path packageDir) throws IOException {
        Path file = packageDir.resolve("package.json");
        Object parsed;
        try {
            parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            throw new IOException(file + ": not a JSON object");
        }
        return new PackageJson(packageDir, fields);
    }

    String name() {
        return text("name");
    }

    String version() {
        return text("version");
    }

    /**
     * The existing file the {@code "bin"} entry {@code command} points to. A string {@code "bin"} is the command named
     * after the package (without its scope), as npm reads it. The path must stay inside the package: npm would not
     * link a bin from elsewhere either.
     */
    Path bin(String command) throws IOException {
        Object bin = fields.get("bin");
        String relative = null;
        if (bin instanceof String path && command.equals(unscopedName())) {
            relative = path;
        } else if (bin instanceof Map<?, ?> commands && commands.get(command) instanceof String path) {
            relative = path;
        }
        if (relative == null) {
            throw new IOException(packageDir.resolve("package.json") + " has no \"bin\" entry \"" + command + "\"");
        }
        Path root = packageDir.toAbsolutePath().normalize();
        Path script = root.resolve(relative).normalize();
        if (!script.startsWith(root)) {
            throw new IOException(packageDir.resolve("package.json") + ": \"bin\" entry \"" + command
                    + "\" points outside the package: " + relative);
        }
        if (!Files.isRegularFile(script)) {
            throw new IOException("the \"bin\" entry \"" + command + "\" of " + root + " names " + script
                    + ", which does not exist: the package is incomplete; reinstall it");
        }
        return script;
    }

    private String unscopedName() {
        String name = name();
        return name.substring(name.indexOf('/') + 1);
    }

    private String text(String field) {
        Object value = fields.get(field);
        return value instanceof String string ? string : "";
    }
}
