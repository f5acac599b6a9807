package dev.orez.cli.zero;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Exclusive right to change orez's cache directory, so two orez processes provisioning at once do not unpack or
 * install into the same place. Held as an OS file lock on {@code <cacheDir>/provision.lock}, which the OS releases
 * when a process dies, so a killed orez never leaves the cache locked.
 *
 * <p>File locks are held per process, not per thread (a second lock from the same JVM throws), so threads of one JVM
 * first queue on an in-process lock.
 */
final class ProvisionLock implements AutoCloseable {
    static final String FILE_NAME = "provision.lock";

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private ProvisionLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Waits for the lock, telling {@code progress} when another orez holds it. */
    static ProvisionLock acquire(Path cacheDir, Consumer<String> progress) throws IOException {
        Files.createDirectories(cacheDir);
        Path file = cacheDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(file, key -> new ReentrantLock());
        if (!threadLock.tryLock()) {
            progress.accept("waiting for another thread that is provisioning zero-cache in " + cacheDir);
            threadLock.lock();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.tryLock();
            if (fileLock == null) {
                progress.accept("waiting for another orez process that is provisioning zero-cache in " + cacheDir);
                fileLock = channel.lock();
            }
            return new ProvisionLock(threadLock, channel, fileLock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            threadLock.unlock();
        }
    }
}
