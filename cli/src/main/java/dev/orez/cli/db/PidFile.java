package dev.orez.cli.db;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code orez.pid}: says which process uses a data directory. Two engines on one data directory corrupt
 * it, so a start is refused while the file names another live orez. A file naming a dead process, or a
 * live one that is not orez (the pid was reused after a crash), is stale and replaced. The file holds the
 * bare pid, as the original wrote it, and {@code orez pg_restore} reads it.
 *
 * <p>Check and write are not one atomic step: two orez processes started in the same instant could both
 * pass the check. That is left alone; the guard is for the common mistake of a second start later on.
 */
public final class PidFile implements AutoCloseable {
    private static final Log LOG = Log.of(Component.OREZ);
    /** Claims held by this JVM: an embedding application may start two orez in one process. */
    private static final Set<Path> CLAIMED_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final long pid;

    private PidFile(Path file, long pid) {
        this.file = file;
        this.pid = pid;
    }

    /**
     * Writes this process's pid to {@code file} after checking the previous content.
     *
     * @param dataDir named in the error message
     * @throws StartupStepException when the file names another running orez
     */
    public static PidFile claim(Path file, Path dataDir) {
        if (!CLAIMED_HERE.add(file.toAbsolutePath().normalize())) {
            throw new StartupStepException("another orez in this process is using " + dataDir.toAbsolutePath()
                    + "; close it first, or use another data directory");
        }
        try {
            return claimFromOtherProcesses(file, dataDir);
        } catch (RuntimeException e) {
            CLAIMED_HERE.remove(file.toAbsolutePath().normalize());
            throw e;
        }
    }

    private static PidFile claimFromOtherProcesses(Path file, Path dataDir) {
        long ourPid = ProcessHandle.current().pid();
        OptionalLong previous = read(file);
        if (previous.isPresent() && previous.getAsLong() != ourPid) {
            long other = previous.getAsLong();
            Optional<ProcessHandle> process = ProcessHandle.of(other).filter(ProcessHandle::isAlive);
            if (process.isPresent() && looksLikeOrez(process.get())) {
                throw new StartupStepException("another orez (pid " + other + ") is using " + dataDir.toAbsolutePath()
                        + "; stop it first, or use another --data-dir (two databases on one directory corrupt it)");
            }
            LOG.debug("replacing stale " + file + " (pid " + other + " is not a running orez)");
        }
        write(file, ourPid);
        return new PidFile(file, ourPid);
    }

    public Path path() {
        return file;
    }

    /** Deletes the file, unless another process has claimed it since (then it is theirs). */
    @Override
    public void close() {
        if (!CLAIMED_HERE.remove(file.toAbsolutePath().normalize())) {
            return; // closed before
        }
        OptionalLong current = read(file);
        if (current.isPresent() && current.getAsLong() == pid) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("cannot delete " + file + ": " + e.getMessage());
            }
        }
    }

    /**
     * Whether the process is an orez: its command line mentions orez ({@code orez.jar}, the {@code orez}
     * launcher, {@code dev.orez.cli.Main}). When the system does not tell (another user's process on some
     * systems), it is assumed to be one: refusing a start is recoverable, a corrupted database is not.
     */
    static boolean looksLikeOrez(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        Optional<String> commandLine = info.commandLine().or(info::command);
        return commandLine.map(line -> line.contains("orez")).orElse(true);
    }

    /** The pid in the file; empty when there is no file or it does not hold a number. */
    static OptionalLong read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return OptionalLong.of(Long.parseLong(text));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Through a temporary file and a rename, so a reader never sees a half-written pid. */
    private static void write(Path file, long pid) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, Long.toString(pid), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
