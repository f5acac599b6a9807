package dev.orez.pglite.emscripten;

import com.dylibso.chicory.annotations.HostModule;
import com.dylibso.chicory.annotations.WasmExport;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Memory;
import dev.orez.pglite.fs.DirEntry;
import dev.orez.pglite.fs.Errno;
import dev.orez.pglite.fs.ErrnoException;
import dev.orez.pglite.fs.FileSystem;
import dev.orez.pglite.fs.OpenFile;
import dev.orez.pglite.fs.OpenFlags;
import dev.orez.pglite.fs.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The path- and descriptor-level POSIX syscalls ({@code __syscall_*}) over the process's file system. */
@HostModule("env")
public final class FileSyscalls {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int AT_REMOVEDIR = 0x200;
    private static final int AT_EMPTY_PATH = 0x1000;
    /** Size of Emscripten's {@code struct dirent}: d_ino, d_off, d_reclen, d_type, d_name[256]. */
    private static final int DIRENT_SIZE = 280;

    private final WasmProcess process;

    public FileSyscalls(WasmProcess process) {
        this.process = process;
    }

    public HostFunction[] toHostFunctions() {
        return FileSyscalls_ModuleFactory.toHostFunctions(this);
    }

    private Memory memory() {
        return process.memory();
    }

    private FileSystem fs() {
        return process.fileSystem();
    }

    /** Resolves {@code path} the way the {@code *at} syscalls do: absolute, or relative to a directory fd. */
    private String at(int dirfd, int pathAddress, boolean allowEmpty) {
        String path = process.readCString(pathAddress);
        if (path.startsWith("/")) {
            return FileSystem.normalize(path);
        }
        String base = dirfd == AT_FDCWD
                ? process.workingDirectory()
                : process.fds().get(dirfd).guestPath();
        if (path.isEmpty()) {
            if (!allowEmpty) {
                throw new ErrnoException(Errno.ENOENT);
            }
            return base;
        }
        return FileSystem.normalize(base + "/" + path);
    }

    private String absolute(int pathAddress) {
        return at(AT_FDCWD, pathAddress, false);
    }

    @WasmExport("__syscall_openat")
    public int openat(int dirfd, int path, int flags, int varargs) {
        return Syscall.posix(() -> {
            int mode = varargs != 0 ? memory().readInt(varargs) : 0;
            if ((flags & OpenFlags.O_CREAT) != 0) {
                mode &= ~process.umask();
            }
            return process.fds().add(fs().open(at(dirfd, path, false), flags, mode));
        });
    }

    @WasmExport("__syscall_stat64")
    public int stat64(int path, int buffer) {
        return Syscall.posix(() -> {
            StatLayout.write(memory(), buffer, fs().stat(absolute(path), true));
            return 0;
        });
    }

    @WasmExport("__syscall_lstat64")
    public int lstat64(int path, int buffer) {
        return Syscall.posix(() -> {
            StatLayout.write(memory(), buffer, fs().stat(absolute(path), false));
            return 0;
        });
    }

    @WasmExport("__syscall_fstat64")
    public int fstat64(int fd, int buffer) {
        return Syscall.posix(() -> {
            StatLayout.write(memory(), buffer, process.fds().get(fd).stat());
            return 0;
        });
    }

    @WasmExport("__syscall_newfstatat")
    public int newfstatat(int dirfd, int path, int buffer, int flags) {
        return Syscall.posix(() -> {
            String resolved = at(dirfd, path, (flags & AT_EMPTY_PATH) != 0);
            StatLayout.write(memory(), buffer, fs().stat(resolved, (flags & AT_SYMLINK_NOFOLLOW) == 0));
            return 0;
        });
    }

    @WasmExport("__syscall_faccessat")
    public int faccessat(int dirfd, int path, int mode, int flags) {
        return Syscall.posix(() -> {
            fs().stat(at(dirfd, path, false), true);
            return 0; // uid 0 may do anything with a file that exists
        });
    }

    @WasmExport("__syscall_mkdirat")
    public int mkdirat(int dirfd, int path, int mode) {
        return Syscall.posix(() -> {
            fs().mkdir(at(dirfd, path, false), mode & ~process.umask());
            return 0;
        });
    }

    @WasmExport("__syscall_unlinkat")
    public int unlinkat(int dirfd, int path, int flags) {
        return Syscall.posix(() -> {
            String resolved = at(dirfd, path, false);
            if (flags == 0) {
                fs().unlink(resolved);
            } else if (flags == AT_REMOVEDIR) {
                fs().rmdir(resolved);
            } else {
                throw new ErrnoException(Errno.EINVAL);
            }
            return 0;
        });
    }

    @WasmExport("__syscall_rmdir")
    public int rmdir(int path) {
        return Syscall.posix(() -> {
            fs().rmdir(absolute(path));
            return 0;
        });
    }

    @WasmExport("__syscall_renameat")
    public int renameat(int oldDirfd, int oldPath, int newDirfd, int newPath) {
        return Syscall.posix(() -> {
            fs().rename(at(oldDirfd, oldPath, false), at(newDirfd, newPath, false));
            return 0;
        });
    }

    @WasmExport("__syscall_readlinkat")
    public int readlinkat(int dirfd, int path, int buffer, int size) {
        return Syscall.posix(() -> {
            byte[] target = fs().readlink(at(dirfd, path, false)).getBytes(StandardCharsets.UTF_8);
            int n = Math.min(target.length, size);
            memory().write(buffer, target, 0, n);
            return n;
        });
    }

    @WasmExport("__syscall_symlinkat")
    public int symlinkat(int target, int newDirfd, int linkPath) {
        return Syscall.posix(() -> {
            fs().symlink(process.readCString(target), at(newDirfd, linkPath, false));
            return 0;
        });
    }

    @WasmExport("__syscall_linkat")
    public int linkat(int oldDirfd, int oldPath, int newDirfd, int newPath, int flags) {
        return Syscall.posix(() -> {
            fs().link(at(oldDirfd, oldPath, false), at(newDirfd, newPath, false));
            return 0;
        });
    }

    @WasmExport("__syscall_truncate64")
    public int truncate64(int path, long length) {
        return Syscall.posix(() -> {
            fs().truncate(absolute(path), length);
            return 0;
        });
    }

    @WasmExport("__syscall_ftruncate64")
    public int ftruncate64(int fd, long length) {
        return Syscall.posix(() -> {
            process.fds().get(fd).truncate(length);
            return 0;
        });
    }

    @WasmExport("__syscall_fallocate")
    public int fallocate(int fd, int mode, long offset, long length) {
        return Syscall.posix(() -> {
            OpenFile file = process.fds().get(fd);
            if (offset + length > file.size()) {
                file.truncate(offset + length);
            }
            return 0;
        });
    }

    @WasmExport("__syscall_fadvise64")
    public int fadvise64(int fd, long offset, long length, int advice) {
        return 0; // advice only
    }

    @WasmExport("__syscall_fdatasync")
    public int fdatasync(int fd) {
        return Syscall.posix(() -> {
            process.fds().get(fd).sync();
            return 0;
        });
    }

    @WasmExport("__syscall_dup")
    public int dup(int fd) {
        return Syscall.posix(() -> process.fds().duplicate(fd, 0));
    }

    @WasmExport("__syscall_dup3")
    public int dup3(int fd, int target, int flags) {
        return Syscall.posix(() -> {
            if (fd == target) {
                throw new ErrnoException(Errno.EINVAL);
            }
            return process.fds().duplicateTo(fd, target);
        });
    }

    @WasmExport("__syscall_fcntl64")
    public int fcntl64(int fd, int command, int varargs) {
        return Syscall.posix(() -> {
            OpenFile file = process.fds().get(fd);
            switch (command) {
                case 0: // F_DUPFD
                case 1030: // F_DUPFD_CLOEXEC
                    return process.fds().duplicate(fd, memory().readInt(varargs));
                case 1: // F_GETFD
                case 2: // F_SETFD: close-on-exec means nothing without exec
                    return 0;
                case 3: // F_GETFL
                    return file.flags();
                case 4: // F_SETFL: only O_APPEND and O_NONBLOCK may change
                    int changeable = OpenFlags.O_APPEND | 04000;
                    file.setFlags((file.flags() & ~changeable) | (memory().readInt(varargs) & changeable));
                    return 0;
                case 5: // F_GETLK: nothing else holds locks in a single process
                    memory().writeShort(varargs, (short) 2); // l_type = F_UNLCK
                    return 0;
                case 6: // F_SETLK
                case 7: // F_SETLKW
                    return 0;
                default:
                    throw new ErrnoException(Errno.EINVAL);
            }
        });
    }

    @WasmExport("__syscall_ioctl")
    public int ioctl(int fd, int operation, int varargs) {
        return Syscall.posix(() -> {
            if (!process.fds().get(fd).isTerminal()) {
                throw new ErrnoException(Errno.ENOTTY);
            }
            return 0;
        });
    }

    @WasmExport("__syscall_getdents64")
    public int getdents64(int fd, int buffer, int count) {
        return Syscall.posix(() -> {
            OpenFile dir = process.fds().get(fd);
            if (!dir.isDirectory()) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            List<DirEntry> entries = dir.readDirectory();
            int index = (int) (dir.position() / DIRENT_SIZE);
            int written = 0;
            while (index < entries.size() && written + DIRENT_SIZE <= count) {
                writeDirent(buffer + written, entries.get(index), index + 1);
                written += DIRENT_SIZE;
                index++;
            }
            dir.setPosition((long) index * DIRENT_SIZE);
            return written;
        });
    }

    private void writeDirent(int address, DirEntry entry, int nextIndex) {
        byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
        int length = Math.min(name.length, 255);
        memory().writeLong(address, entry.ino() == 0 ? nextIndex : entry.ino());
        memory().writeLong(address + 8, (long) nextIndex * DIRENT_SIZE);
        memory().writeShort(address + 16, (short) DIRENT_SIZE);
        memory().writeByte(address + 18, (byte) entry.type());
        memory().write(address + 19, name, 0, length);
        memory().writeByte(address + 19 + length, (byte) 0);
    }

    @WasmExport("__syscall_pipe2")
    public int pipe2(int fdsAddress, int flags) {
        return Syscall.posix(() -> {
            Pipe pipe = new Pipe();
            memory().writeI32(fdsAddress, process.fds().add(pipe.readEnd()));
            memory().writeI32(fdsAddress + 4, process.fds().add(pipe.writeEnd()));
            return 0;
        });
    }

    /** What libc's {@code pipe} becomes when it is not routed to {@code pipe2} (pg_dump's build). */
    @WasmExport("__syscall_pipe")
    public int pipe(int fdsAddress) {
        return pipe2(fdsAddress, 0);
    }

    /**
     * Only pg_dump's parallel mode ({@code -j} above 1) waits on descriptors with select, and it has no
     * worker processes to wait for here.
     */
    @WasmExport("__syscall__newselect")
    public int select(int count, int readFds, int writeFds, int exceptFds, int timeout) {
        return -Errno.ENOSYS;
    }

    /** Everything is always ready: files never block, and pipes answer EAGAIN when empty. */
    @WasmExport("__syscall_poll")
    public int poll(int fdsAddress, int count, int timeout) {
        int ready = 0;
        for (int i = 0; i < count; i++) {
            int entry = fdsAddress + i * 8;
            int fd = memory().readInt(entry);
            short events = memory().readShort(entry + 4);
            int revents = process.fds().isOpen(fd) ? events & (0x1 | 0x4) : 0x20; // POLLIN|POLLOUT, or POLLNVAL
            if (revents != 0) {
                ready++;
            }
            memory().writeShort(entry + 6, (short) revents);
        }
        return ready;
    }

    @WasmExport("__syscall_chdir")
    public int chdir(int path) {
        return Syscall.posix(() -> {
            String resolved = absolute(path);
            if (!fs().stat(resolved, true).isDirectory()) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            process.setWorkingDirectory(resolved);
            return 0;
        });
    }

    @WasmExport("__syscall_getcwd")
    public int getcwd(int buffer, int size) {
        return Syscall.posix(() -> {
            byte[] cwd = process.workingDirectory().getBytes(StandardCharsets.UTF_8);
            if (size == 0) {
                throw new ErrnoException(Errno.EINVAL);
            }
            if (size < cwd.length + 1) {
                throw new ErrnoException(Errno.ERANGE);
            }
            memory().write(buffer, cwd);
            memory().writeByte(buffer + cwd.length, (byte) 0);
            return cwd.length + 1;
        });
    }

    @WasmExport("__syscall_umask")
    public int umask(int mask) {
        int previous = process.umask();
        process.setUmask(mask & 0777);
        return previous;
    }

    @WasmExport("__syscall_statfs64")
    public int statfs64(int path, int size, int buffer) {
        // Postgres only reads the block size; report a roomy, healthy file system.
        memory().writeI32(buffer + 4, 4096); // f_bsize
        memory().writeLong(buffer + 8, 1_000_000); // f_blocks
        memory().writeLong(buffer + 16, 500_000); // f_bfree
        memory().writeLong(buffer + 24, 500_000); // f_bavail
        memory().writeLong(buffer + 32, 1_000_000); // f_files
        memory().writeLong(buffer + 40, 500_000); // f_ffree
        memory().writeI32(buffer + 56, 255); // f_namelen
        memory().writeI32(buffer + 60, 4096); // f_frsize
        return 0;
    }

    // Ownership, modes and timestamps: every guest user is root and the host keeps its own modes.

    @WasmExport("__syscall_chmod")
    public int chmod(int path, int mode) {
        return exists(AT_FDCWD, path, false);
    }

    @WasmExport("__syscall_fchmod")
    public int fchmod(int fd, int mode) {
        return Syscall.posix(() -> {
            process.fds().get(fd);
            return 0;
        });
    }

    @WasmExport("__syscall_fchmodat2")
    public int fchmodat2(int dirfd, int path, int mode, int flags) {
        return exists(dirfd, path, false);
    }

    @WasmExport("__syscall_fchown32")
    public int fchown32(int fd, int owner, int group) {
        return fchmod(fd, 0);
    }

    @WasmExport("__syscall_fchownat")
    public int fchownat(int dirfd, int path, int owner, int group, int flags) {
        return exists(dirfd, path, (flags & AT_EMPTY_PATH) != 0);
    }

    @WasmExport("__syscall_utimensat")
    public int utimensat(int dirfd, int path, int times, int flags) {
        return exists(dirfd, path, true);
    }

    private int exists(int dirfd, int path, boolean allowEmpty) {
        return Syscall.posix(() -> {
            fs().stat(at(dirfd, path, allowEmpty), true);
            return 0;
        });
    }

    @WasmExport("__syscall_getuid32")
    public int getuid32() {
        return 0;
    }

    @WasmExport("__syscall_geteuid32")
    public int geteuid32() {
        return 0;
    }

    @WasmExport("__syscall_getgid32")
    public int getgid32() {
        return 0;
    }

    @WasmExport("__syscall_getegid32")
    public int getegid32() {
        return 0;
    }
}
