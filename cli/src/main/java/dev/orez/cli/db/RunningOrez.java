package dev.orez.cli.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An orez serving a data directory right now, as its {@code orez.pid} and {@code orez.port} say. Tools that
 * work on a data directory go through its proxy then: opening the databases a second time would corrupt them.
 */
public record RunningOrez(long pid, int pgPort) {
    /** The orez serving {@code dataDir}, if a live orez process claims it and its proxy has announced a port. */
    public static Optional<RunningOrez> on(Path dataDir) {
        Path root = dataDir.toAbsolutePath().normalize();
        OptionalLong pid = PidFile.read(root.resolve("orez.pid"));
        if (pid.isEmpty()
                || ProcessHandle.of(pid.getAsLong())
                        .filter(ProcessHandle::isAlive)
                        .filter(PidFile::looksLikeOrez)
                        .isEmpty()) {
            return Optional.empty();
        }
        return port(OrezDataDir.portFile(root)).map(port -> new RunningOrez(pid.getAsLong(), port));
    }

    private static Optional<Integer> port(Path file) {
        try {
            return Optional.of(Integer.parseInt(
                    Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // no port yet (still starting) or any more (stopping)
        }
    }
}
