package dev.orez.pglite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PGDATA directory on the host, held exclusively: two engines on one data directory would corrupt it, and
 * a lock held by the OS disappears with a crashed process, unlike Postgres's own postmaster.pid.
 */
final class DataDirectory implements AutoCloseable {
    private static final String LOCK_FILE = ".orez.lock";

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Locks {@code dir}, creating it from the template when it holds no data directory yet. */
    static DataDirectory open(Path dir) throws IOException {
        Path path = dir.toAbsolutePath().normalize();
        Files.createDirectories(path);
        FileChannel channel =
                FileChannel.open(path.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new PGliteException(path + " is in use by another PGlite engine");
        }
        DataDirectory directory = new DataDirectory(path, channel, lock);
        try {
            directory.initializeIfEmpty();
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
        return directory;
    }

    private void initializeIfEmpty() throws IOException {
        if (Files.exists(path.resolve(PgdataTemplate.VERSION_FILE))) {
            return;
        }
        // No PG_VERSION: an empty directory, or a template copy that was interrupted. Anything else in here
        // is not ours to overwrite.
        if (!Files.exists(path.resolve(PgdataTemplate.COPY_MARKER))) {
            try (Stream<Path> entries = Files.list(path)) {
                if (entries.anyMatch(p -> !p.getFileName().toString().equals(LOCK_FILE))) {
                    throw new PGliteException(path + " is not empty and is not a Postgres data directory");
                }
            }
        }
        clearExceptLock();
        PgdataTemplate.copyTo(path);
    }

    private void clearExceptLock() throws IOException {
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                if (!p.equals(path) && !p.getFileName().toString().equals(LOCK_FILE)) {
                    Files.delete(p);
                }
            }
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
