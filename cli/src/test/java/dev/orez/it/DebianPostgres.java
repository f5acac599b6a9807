package dev.orez.it;

import dev.orez.cli.net.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway cluster of Debian's own PostgreSQL (package {@code postgresql}, installed by {@code .ci/run}): the real
 * server and its real {@code pg_dump} and {@code psql}, so the dump tests work with dumps orez did not write.
 *
 * <p>initdb refuses to run as root, so under root the server runs as the {@code postgres} user the package creates.
 */
final class DebianPostgres implements AutoCloseable {
    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static final String SUPERUSER = "postgres";

    private final Path bin;
    private final Path root;
    private final Path data;
    private final int port;

    private DebianPostgres(Path bin, Path root, int port) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
    }

    /** initdb and start on a free port; trust authentication, fsync off (throwaway data). */
    static DebianPostgres start() throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("orez-debian-pg");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        DebianPostgres server = new DebianPostgres(newestInstallation(), root, Ports.findFree(55432));
        Files.createDirectories(server.data);
        server.ownedByServerUser(server.root);
        server.ownedByServerUser(server.data);
        server.runAsServerUser(List.of(
                server.tool("initdb").toString(),
                "--pgdata=" + server.data,
                "--username=" + SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync"));
        server.runAsServerUser(List.of(
                server.tool("pg_ctl").toString(),
                "--pgdata=" + server.data,
                "--log=" + server.root.resolve("server.log"),
                "--wait",
                "--options=-p " + server.port + " -k " + server.root + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start"));
        return server;
    }

    int port() {
        return port;
    }

    Path tool(String name) {
        return bin.resolve(name);
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, "");
    }

    void createDatabase(String name) throws SQLException {
        try (Connection connection = connect("postgres")) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        }
    }

    /** Debian's pg_dump of {@code database}, plain SQL, into {@code file}. */
    void dump(String database, Path file) throws IOException, InterruptedException {
        run(List.of(
                tool("pg_dump").toString(),
                "--host=127.0.0.1",
                "--port=" + port,
                "--username=" + SUPERUSER,
                "--file=" + file,
                database));
    }

    /** Loads a plain-SQL dump with psql, stopping at the first error, which fails the call with psql's output. */
    void load(String database, Path file) throws IOException, InterruptedException {
        run(List.of(
                tool("psql").toString(),
                "--host=127.0.0.1",
                "--port=" + port,
                "--username=" + SUPERUSER,
                "--dbname=" + database,
                "--set=ON_ERROR_STOP=1",
                "--quiet",
                "--file=" + file));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            runAsServerUser(
                    List.of(tool("pg_ctl").toString(), "--pgdata=" + data, "--mode=immediate", "--wait", "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Path newestInstallation() throws IOException {
        if (!Files.isDirectory(INSTALLATIONS)) {
            throw new IllegalStateException(
                    "Debian's PostgreSQL server is not installed (" + INSTALLATIONS + "); .ci/run installs it");
        }
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(
                            version -> Integer.parseInt(version.getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no initdb under " + INSTALLATIONS))
                    .resolve("bin");
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void ownedByServerUser(Path path) throws IOException {
        if (isRoot()) {
            UserPrincipal user =
                    FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
            Files.setOwner(path, user);
        }
    }

    private void runAsServerUser(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(
                    String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
    }
}
