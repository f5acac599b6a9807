package dev.orez.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Node side of the WebAssembly SQLite, shipped in the jar: better-sqlite3's API over sqlite3.wasm
 * ({@code index.cjs}, {@code database.cjs}, {@code wasm-sqlite.cjs}) and a preload, {@code register.cjs}, whose module
 * hook makes {@code @rocicorp/zero-sqlite3} resolve to it. {@link #install} writes them out for zero-cache; passing
 * {@code --require <register.cjs>} in {@code NODE_OPTIONS} then reaches zero-cache and every worker it forks.
 */
public final class NodeSqliteShim {
    private static final String RESOURCES = "/dev/orez/sqlite/";
    private static final List<String> FILES = List.of(
            "node/register.cjs",
            "node/index.cjs",
            "node/database.cjs",
            "node/statement.cjs",
            "node/backup.cjs",
            "node/handles.cjs",
            "node/values.cjs",
            "node/sqlite-error.cjs",
            "node/args.cjs",
            "node/sql-text.cjs",
            "node/constants.cjs",
            "node/wasm-sqlite.cjs",
            "sqlite3.wasm");
    private static final String PRELOAD = "register.cjs";

    private NodeSqliteShim() {}

    /**
     * Writes the shim into {@code <cacheDir>/sqlite-wasm-<content hash>/} unless it is there already, and returns the
     * preload script. The directory appears whole or not at all (written aside, then renamed), so concurrent orez
     * processes and interrupted writes never leave a half shim behind.
     */
    public static Path install(Path cacheDir) throws IOException {
        Map<String, byte[]> files = contents();
        Path target = cacheDir.resolve("sqlite-wasm-" + hash(files));
        if (!Files.isRegularFile(target.resolve(PRELOAD))) {
            Files.createDirectories(cacheDir);
            Path aside = cacheDir.resolve(target.getFileName() + ".tmp-" + UUID.randomUUID());
            Files.createDirectories(aside);
            try {
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    Files.write(aside.resolve(fileName(file.getKey())), file.getValue());
                }
                Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                if (!Files.isRegularFile(target.resolve(PRELOAD))) {
                    throw e;
                }
                // another orez installed the same content meanwhile
            } finally {
                deleteAside(aside, files.keySet());
            }
        }
        return target.resolve(PRELOAD);
    }

    private static Map<String, byte[]> contents() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            try (InputStream in = NodeSqliteShim.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IOException("the jar lacks " + RESOURCES + name + "; was it built without sqlite3.wasm?");
                }
                files.put(name, in.readAllBytes());
            }
        }
        return files;
    }

    private static String fileName(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((name, content) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(content);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** The aside directory is flat and holds at most the shim's files; after the rename it is gone already. */
    private static void deleteAside(Path aside, Set<String> resources) throws IOException {
        for (String resource : resources) {
            Files.deleteIfExists(aside.resolve(fileName(resource)));
        }
        Files.deleteIfExists(aside);
    }
}
