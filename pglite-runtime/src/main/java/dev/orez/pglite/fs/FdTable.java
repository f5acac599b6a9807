package dev.orez.pglite.fs;

import java.io.IOException;
import java.util.Arrays;

/** The file descriptors of one wasm "process"; {@code dup} shares the open file description. */
public final class FdTable {
    private static final int MAX_FDS = 4096;

    private OpenFile[] files = new OpenFile[64];

    public FdTable(OpenFile stdin, OpenFile stdout, OpenFile stderr) {
        files[0] = stdin;
        files[1] = stdout;
        files[2] = stderr;
    }

    public OpenFile get(int fd) {
        if (fd < 0 || fd >= files.length || files[fd] == null) {
            throw new ErrnoException(Errno.EBADF);
        }
        return files[fd];
    }

    /** Installs {@code file} at the lowest free descriptor, as {@code open} must. */
    public int add(OpenFile file) {
        return addAtLeast(file, 0);
    }

    public void close(int fd) throws IOException {
        OpenFile file = get(fd);
        files[fd] = null;
        file.release();
    }

    /** {@code dup} / {@code F_DUPFD}: the lowest free descriptor not below {@code minimum}. */
    public int duplicate(int fd, int minimum) {
        OpenFile file = get(fd);
        file.retain();
        return addAtLeast(file, minimum);
    }

    /** {@code dup3}: makes {@code target} refer to the same description as {@code fd}. */
    public int duplicateTo(int fd, int target) throws IOException {
        if (target < 0 || target >= MAX_FDS) {
            throw new ErrnoException(Errno.EBADF);
        }
        OpenFile file = get(fd);
        ensureCapacity(target + 1);
        if (files[target] != null) {
            close(target);
        }
        file.retain();
        files[target] = file;
        return target;
    }

    /** True for descriptors that {@code poll} should report as valid. */
    public boolean isOpen(int fd) {
        return fd >= 0 && fd < files.length && files[fd] != null;
    }

    private int addAtLeast(OpenFile file, int minimum) {
        for (int fd = Math.max(minimum, 0); fd < MAX_FDS; fd++) {
            ensureCapacity(fd + 1);
            if (files[fd] == null) {
                files[fd] = file;
                return fd;
            }
        }
        throw new ErrnoException(Errno.EMFILE);
    }

    private void ensureCapacity(int size) {
        if (size > files.length) {
            files = Arrays.copyOf(files, Math.max(size, files.length * 2));
        }
    }

    /** Closes every descriptor; the process is gone and host files must not stay open. */
    public void closeAll() {
        for (int fd = 0; fd < files.length; fd++) {
            if (files[fd] != null) {
                try {
                    close(fd);
                } catch (IOException e) {
                    // closing is best effort once the process is gone; nothing else can be done with it
                }
            }
        }
    }
}
