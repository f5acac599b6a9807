package dev.orez.pglite.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A real host directory mounted into the guest (Emscripten's NODEFS): PGDATA lives here. */
final class HostDirectory implements Mount {
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final LinkOption[] FOLLOW = {};

    private final Path root;

    HostDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private Path host(String path) {
        return path.isEmpty() ? root : root.resolve(path);
    }

    @Override
    public FileStat stat(String path, boolean followLinks) throws IOException {
        return statOf(host(path), followLinks);
    }

    private static FileStat statOf(Path file, boolean followLinks) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(
                    file,
                    "unix:mode,ino,nlink,size,lastModifiedTime,lastAccessTime,ctime,dev",
                    followLinks ? FOLLOW : NO_FOLLOW);
            return new FileStat(
                    (int) (long) (Long) a.get("dev"),
                    (Integer) a.get("mode"),
                    (Integer) a.get("nlink"),
                    (Long) a.get("size"),
                    (Long) a.get("ino"),
                    ((FileTime) a.get("lastAccessTime")).toMillis(),
                    ((FileTime) a.get("lastModifiedTime")).toMillis(),
                    ((FileTime) a.get("ctime")).toMillis());
        } catch (IOException e) {
            throw HostErrors.toErrno(e);
        }
    }

    @Override
    public OpenFile open(String path, String guestPath, int flags, int mode) throws IOException {
        Path file = host(path);
        boolean exists = Files.exists(file, NO_FOLLOW);
        if (exists && (flags & OpenFlags.O_CREAT) != 0 && (flags & OpenFlags.O_EXCL) != 0) {
            throw new ErrnoException(Errno.EEXIST);
        }
        if (exists && Files.isDirectory(file)) {
            if (OpenFlags.writable(flags)) {
                throw new ErrnoException(Errno.EISDIR);
            }
            return new DirectoryHandle(guestPath, flags, file);
        }
        if ((flags & OpenFlags.O_DIRECTORY) != 0) {
            throw new ErrnoException(exists ? Errno.ENOTDIR : Errno.ENOENT);
        }
        if (!exists && (flags & OpenFlags.O_CREAT) == 0) {
            throw new ErrnoException(Errno.ENOENT);
        }
        Set<OpenOption> options = new HashSet<>();
        options.add(StandardOpenOption.READ);
        if (OpenFlags.writable(flags) || (flags & OpenFlags.O_CREAT) != 0) {
            options.add(StandardOpenOption.WRITE);
        }
        if ((flags & OpenFlags.O_CREAT) != 0) {
            options.add(StandardOpenOption.CREATE);
        }
        if ((flags & OpenFlags.O_TRUNC) != 0 && OpenFlags.writable(flags)) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        try {
            FileChannel channel = FileChannel.open(file, options);
            if (!exists) {
                setPermissions(file, mode == 0 ? 0600 : mode);
            }
            return new FileHandle(guestPath, flags, channel, file);
        } catch (IOException e) {
            throw HostErrors.toErrno(e);
        }
    }

    @Override
    public void mkdir(String path, int mode) throws IOException {
        Path dir = host(path);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw HostErrors.toErrno(e);
        }
        setPermissions(dir, mode & 0777);
    }

    @Override
    public void unlink(String path) throws IOException {
        Path file = host(path);
        if (Files.isDirectory(file, NO_FOLLOW)) {
            throw new ErrnoException(Errno.EISDIR);
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw HostErrors.toErrno(e);
        }
    }

    @Override
    public void rmdir(String path) throws IOException {
        Path dir = host(path);
        if (Files.exists(dir, NO_FOLLOW) && !Files.isDirectory(dir, NO_FOLLOW)) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        try {
            Files.delete(dir);
        } catch (IOException e) {
            throw HostErrors.toErrno(e);
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        try {
            // Postgres relies on rename() atomically replacing the target (durable_rename of WAL and state files).
            Files.move(host(from), host(to), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw HostErrors.toErrno(e);
        }
    }

    @Override
    public String readlink(String path) throws IOException {
        Path link = host(path);
        if (!Files.isSymbolicLink(link)) {
            throw new ErrnoException(Files.exists(link, NO_FOLLOW) ? Errno.EINVAL : Errno.ENOENT);
        }
        return Files.readSymbolicLink(link).toString();
    }

    @Override
    public void symlink(String target, String path) throws IOException {
        try {
            Files.createSymbolicLink(host(path), Path.of(target));
        } catch (IOException e) {
            throw HostErrors.toErrno(e);
        }
    }

    @Override
    public void link(String existing, String path) throws IOException {
        try {
            Files.createLink(host(path), host(existing));
        } catch (IOException e) {
            throw HostErrors.toErrno(e);
        }
    }

    @Override
    public void truncate(String path, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(host(path), StandardOpenOption.WRITE)) {
            FileHandle.resize(channel, length);
        } catch (IOException e) {
            throw HostErrors.toErrno(e);
        }
    }

    private static void setPermissions(Path file, int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (1 << (8 - bit))) != 0) {
                permissions.add(order[bit]);
            }
        }
        try {
            Files.setPosixFilePermissions(file, permissions);
        } catch (IOException | UnsupportedOperationException e) {
            // Permissions are advisory here (every guest user is uid 0); a file system without POSIX modes is fine.
        }
    }

    private static final class FileHandle extends OpenFile {
        private final FileChannel channel;
        private final Path file;

        FileHandle(String guestPath, int flags, FileChannel channel, Path file) {
            super(guestPath, flags);
            this.channel = channel;
            this.file = file;
        }

        @Override
        public int read(byte[] buffer, int offset, int length, long pos) throws IOException {
            try {
                ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
                while (target.hasRemaining()) {
                    int n = channel.read(target, pos + target.position() - offset);
                    if (n < 0) {
                        break;
                    }
                }
                return target.position() - offset;
            } catch (IOException e) {
                throw HostErrors.toErrno(e);
            }
        }

        @Override
        public int write(byte[] buffer, int offset, int length, long pos) throws IOException {
            try {
                ByteBuffer source = ByteBuffer.wrap(buffer, offset, length);
                while (source.hasRemaining()) {
                    channel.write(source, pos + source.position() - offset);
                }
                return length;
            } catch (IOException e) {
                throw HostErrors.toErrno(e);
            }
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void truncate(long length) throws IOException {
            try {
                resize(channel, length);
            } catch (IOException e) {
                throw HostErrors.toErrno(e);
            }
        }

        /** ftruncate semantics: shrink, or extend with zeros (FileChannel.truncate only shrinks). */
        static void resize(FileChannel channel, long length) throws IOException {
            long size = channel.size();
            if (length < size) {
                channel.truncate(length);
            } else if (length > size) {
                channel.write(ByteBuffer.wrap(new byte[1]), length - 1);
            }
        }

        @Override
        public void sync() throws IOException {
            try {
                channel.force(false);
            } catch (IOException e) {
                throw HostErrors.toErrno(e);
            }
        }

        @Override
        public FileStat stat() throws IOException {
            return statOf(file, true);
        }

        @Override
        public boolean seekable() {
            return true;
        }

        @Override
        protected void close() throws IOException {
            channel.close();
        }
    }

    private static final class DirectoryHandle extends OpenFile {
        private final Path dir;

        DirectoryHandle(String guestPath, int flags, Path dir) {
            super(guestPath, flags);
            this.dir = dir;
        }

        @Override
        public List<DirEntry> readDirectory() throws IOException {
            List<DirEntry> entries = new ArrayList<>();
            entries.add(new DirEntry(".", 0, DirEntry.DT_DIR));
            entries.add(new DirEntry("..", 0, DirEntry.DT_DIR));
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    int type = Files.isSymbolicLink(child)
                            ? DirEntry.DT_LNK
                            : Files.isDirectory(child, NO_FOLLOW) ? DirEntry.DT_DIR : DirEntry.DT_REG;
                    entries.add(new DirEntry(child.getFileName().toString(), entries.size(), type));
                }
            } catch (IOException e) {
                throw HostErrors.toErrno(e);
            }
            return entries;
        }

        @Override
        public FileStat stat() throws IOException {
            return statOf(dir, true);
        }

        @Override
        public boolean seekable() {
            return true;
        }

        @Override
        public boolean isDirectory() {
            return true;
        }
    }

    /** Maps host I/O failures to the errno a POSIX system would have returned. */
    static final class HostErrors {
        private HostErrors() {}

        static ErrnoException toErrno(IOException e) {
            if (e instanceof NoSuchFileException) {
                return new ErrnoException(Errno.ENOENT);
            }
            if (e instanceof FileAlreadyExistsException) {
                return new ErrnoException(Errno.EEXIST);
            }
            if (e instanceof DirectoryNotEmptyException) {
                return new ErrnoException(Errno.ENOTEMPTY);
            }
            if (e instanceof NotDirectoryException) {
                return new ErrnoException(Errno.ENOTDIR);
            }
            if (e instanceof AccessDeniedException) {
                return new ErrnoException(Errno.EACCES);
            }
            String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
            if (reason != null) {
                if (reason.contains("No space left")) {
                    return new ErrnoException(Errno.ENOSPC);
                }
                if (reason.contains("Not a directory")) {
                    return new ErrnoException(Errno.ENOTDIR);
                }
                if (reason.contains("Is a directory")) {
                    return new ErrnoException(Errno.EISDIR);
                }
            }
            return new ErrnoException(Errno.EIO);
        }
    }
}
