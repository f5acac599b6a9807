package dev.orez.cli.db;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * orez's data directory, claimed for this process: the three databases, zero-cache's replica,
 * {@code orez.pid} and {@code orez.port}. {@link #close()} releases the claim (deletes both files); the data
 * stays.
 */
public final class OrezDataDir implements AutoCloseable {
    private static final Log LOG = Log.of(Component.OREZ);
    private static final String PORT_FILE = "orez.port";

    private final Path root;
    private final PidFile pidFile;

    private OrezDataDir(Path root, PidFile pidFile) {
        this.root = root;
        this.pidFile = pidFile;
    }

    /**
     * Creates the directory if needed, claims it with {@code orez.pid}, and upgrades the single-database
     * layout of early orez versions ({@code pgdata} becomes {@code pgdata-postgres}). The claim comes before
     * the upgrade so that a directory another orez is using is left untouched.
     *
     * @throws StartupStepException when another running orez uses the directory
     */
    public static OrezDataDir claim(Path dataDir) {
        Path root = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + root, e);
        }
        PidFile pid = PidFile.claim(root.resolve("orez.pid"), root);
        try {
            upgradeLegacyLayout(root);
        } catch (RuntimeException e) {
            pid.close();
            throw e;
        }
        return new OrezDataDir(root, pid);
    }

    private static void upgradeLegacyLayout(Path root) {
        Path legacy = root.resolve("pgdata");
        Path postgres = root.resolve("pgdata-postgres");
        if (Files.exists(legacy) && !Files.exists(postgres)) {
            try {
                Files.move(legacy, postgres);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rename " + legacy + " to " + postgres, e);
            }
            LOG.info("moved " + legacy + " to " + postgres + " (one directory per database now)");
        }
    }

    /** The data directory, absolute. */
    public Path root() {
        return root;
    }

    /** The application database ({@code postgres}). */
    public Path postgresData() {
        return root.resolve("pgdata-postgres");
    }

    /** zero-cache's client view records ({@code zero_cvr}). */
    public Path cvrData() {
        return root.resolve("pgdata-cvr");
    }

    /** zero-cache's change database ({@code zero_cdb}). */
    public Path cdbData() {
        return root.resolve("pgdata-cdb");
    }

    public Path pidFile() {
        return pidFile.path();
    }

    /**
     * Writes {@code orez.port}: the port the proxy listens on, which may differ from the one asked for. Tools
     * run next to a running orez ({@code orez pg_dump}, {@code orez pg_restore}) connect there instead of opening
     * the databases a second time.
     */
    public void announcePgPort(int port) {
        try {
            Path temporary = portFile(root).resolveSibling(PORT_FILE + ".tmp");
            Files.writeString(temporary, Integer.toString(port), StandardCharsets.UTF_8);
            Files.move(temporary, portFile(root), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + portFile(root), e);
        }
    }

    static Path portFile(Path root) {
        return root.resolve(PORT_FILE);
    }

    /** Deletes {@code orez.port} and, if it is still ours, {@code orez.pid}. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(portFile(root));
        } catch (IOException e) {
            LOG.debug("cannot delete " + portFile(root) + ": " + e.getMessage());
        }
        pidFile.close();
    }
}
