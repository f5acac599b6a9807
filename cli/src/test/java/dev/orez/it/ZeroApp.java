package dev.orez.it;

import dev.orez.cli.zero.ZeroCacheCommand;
import dev.orez.cli.zero.ZeroCacheLocator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Zero app's project directory as a user has it: {@code node_modules} with {@code @rocicorp/zero}, the app's Zero
 * schema with its permissions, and a client. The packages are the ones orez provisions into its cache (linked, not
 * copied), so orez finds zero-cache in the project, as it does in a real app.
 */
final class ZeroApp {
    private final Path directory;
    private final Path node;

    private ZeroApp(Path directory, Path node) {
        this.directory = directory;
        this.node = node;
    }

    static ZeroApp create(Path directory) throws IOException {
        Path empty = Files.createDirectories(directory.resolve(".provision"));
        ZeroCacheCommand zero = ZeroCacheLocator.locate(
                empty, ZeroCacheLocator.defaultCacheDir(), line -> System.out.println("  provision | " + line));
        Files.createSymbolicLink(directory.resolve("node_modules"), nodeModulesOf(zero.cliJs()));
        for (String file : new String[] {"note-schema.mjs", "watch-notes.mjs"}) {
            try (InputStream resource = ZeroApp.class.getResourceAsStream("/zero-client/" + file)) {
                Files.copy(resource, directory.resolve(file));
            }
        }
        return new ZeroApp(directory, zero.node());
    }

    /** The {@code node_modules} directory that holds {@code scriptInPackage}. */
    static Path nodeModulesOf(Path scriptInPackage) {
        for (Path dir = scriptInPackage; dir != null; dir = dir.getParent()) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals("node_modules")) {
                return dir;
            }
        }
        throw new IllegalStateException(scriptInPackage + " is not inside a node_modules directory");
    }

    /**
     * Writes {@code migrations/0001_note.sql}, which creates the table the client watches with one row
     * ({@code from-migration}), and returns the directory for {@code --migrations}.
     */
    Path writeNoteMigration() throws IOException {
        Path migrations = Files.createDirectories(directory.resolve("migrations"));
        Files.writeString(
                migrations.resolve("0001_note.sql"),
                "CREATE TABLE note (id text PRIMARY KEY, body text NOT NULL);\n--> statement-breakpoint\n"
                        + "INSERT INTO note VALUES ('from-migration', 'hello');\n");
        return migrations;
    }

    Path directory() {
        return directory;
    }

    /**
     * The shell command that deploys the schema's permissions to the database in ZERO_UPSTREAM_DB, as an
     * {@code --on-db-ready} hook (the bin {@code zero-deploy-permissions} of {@code @rocicorp/zero} 1.9.0).
     */
    String deployPermissionsCommand() {
        return "'" + node + "' node_modules/@rocicorp/zero/out/zero/src/deploy-permissions.js -p note-schema.mjs";
    }

    ZeroClient startClient(int zeroPort) throws IOException {
        return ZeroClient.start(node, directory.resolve("watch-notes.mjs"), zeroPort);
    }
}
