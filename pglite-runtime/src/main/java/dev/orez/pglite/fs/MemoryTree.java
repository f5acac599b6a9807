package dev.orez.pglite.fs;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory file tree (Emscripten's MEMFS) seeded from the {@link FileImage}. Image files are shared,
 * not copied: a file's bytes are a slice of the image blob until the first write copies them. Each engine
 * gets its own tree, so its /tmp, /dev/shm and anything it writes stay private to it.
 */
final class MemoryTree implements Mount {
    private static final AtomicLong INODES = new AtomicLong(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private abstract static class Node {
        final long ino = INODES.incrementAndGet();
        int mode;
        long mtimeMs = System.currentTimeMillis();

        Node(int mode) {
            this.mode = mode;
        }

        FileStat stat(long size) {
            return new FileStat(1, mode, 1, size, ino, mtimeMs, mtimeMs, mtimeMs);
        }
    }

    private static final class Directory extends Node {
        final Map<String, Node> children = new TreeMap<>();

        Directory(int permissions) {
            super(FileStat.S_IFDIR | permissions);
        }
    }

    private static final class RegularFile extends Node {
        private byte[] data;
        private int offset;
        private int length;
        private boolean borrowed;

        RegularFile(int permissions, byte[] data, int offset, int length, boolean borrowed) {
            super(FileStat.S_IFREG | permissions);
            this.data = data;
            this.offset = offset;
            this.length = length;
            this.borrowed = borrowed;
        }

        int read(byte[] buffer, int at, int count, long pos) {
            if (pos >= length) {
                return 0;
            }
            int n = (int) Math.min(count, length - pos);
            System.arraycopy(data, offset + (int) pos, buffer, at, n);
            return n;
        }

        int write(byte[] buffer, int at, int count, long pos) {
            long end = pos + count;
            if (end > Integer.MAX_VALUE - 8) {
                throw new ErrnoException(Errno.ENOSPC);
            }
            ensureOwned((int) end);
            System.arraycopy(buffer, at, data, (int) pos, count);
            length = Math.max(length, (int) end);
            mtimeMs = System.currentTimeMillis();
            return count;
        }

        void truncate(long newLength) {
            if (newLength > Integer.MAX_VALUE - 8) {
                throw new ErrnoException(Errno.ENOSPC);
            }
            ensureOwned((int) newLength);
            if (newLength < length) {
                Arrays.fill(data, (int) newLength, length, (byte) 0);
            }
            length = (int) newLength;
            mtimeMs = System.currentTimeMillis();
        }

        /** Copy-on-write: the first change detaches the file from the shared image blob. */
        private void ensureOwned(int capacity) {
            if (borrowed || capacity > data.length) {
                byte[] owned = new byte[Math.max(capacity, borrowed ? length : data.length * 2)];
                System.arraycopy(data, offset, owned, 0, length);
                data = owned;
                offset = 0;
                borrowed = false;
            }
        }
    }

    private enum DeviceKind {
        NULL,
        ZERO,
        RANDOM
    }

    private static final class Device extends Node {
        final DeviceKind kind;

        Device(DeviceKind kind) {
            super(FileStat.S_IFCHR | 0666);
            this.kind = kind;
        }
    }

    private final Directory root = new Directory(0755);

    static MemoryTree fromImage(FileImage image) {
        MemoryTree tree = new MemoryTree();
        for (FileImage.Entry entry : image.entries()) {
            String path = entry.path().substring(1);
            if (entry.isDirectory()) {
                tree.mkdirs(path);
            } else {
                Directory parent = tree.mkdirs(parentOf(path));
                parent.children.put(
                        nameOf(path), new RegularFile(0644, image.blob(), entry.offset(), entry.length(), true));
            }
        }
        Directory dev = tree.mkdirs("dev");
        dev.children.put("null", new Device(DeviceKind.NULL));
        dev.children.put("zero", new Device(DeviceKind.ZERO));
        dev.children.put("random", new Device(DeviceKind.RANDOM));
        dev.children.put("urandom", new Device(DeviceKind.RANDOM));
        tree.mkdirs("dev/shm");
        tree.mkdirs("tmp");
        return tree;
    }

    /** Creates the directory and its parents; returns it. */
    Directory mkdirs(String path) {
        Directory dir = root;
        if (path.isEmpty()) {
            return dir;
        }
        for (String name : path.split("/")) {
            Node child = dir.children.computeIfAbsent(name, n -> new Directory(0755));
            if (!(child instanceof Directory)) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            dir = (Directory) child;
        }
        return dir;
    }

    @Override
    public FileStat stat(String path, boolean followLinks) {
        Node node = lookup(path);
        return node.stat(node instanceof RegularFile file ? file.length : node instanceof Directory ? 4096 : 0);
    }

    @Override
    public OpenFile open(String path, String guestPath, int flags, int mode) {
        Node node = find(path);
        if (node == null) {
            if ((flags & OpenFlags.O_CREAT) == 0) {
                throw new ErrnoException(Errno.ENOENT);
            }
            Directory parent = directory(parentOf(path));
            node = new RegularFile(mode & 0777, new byte[0], 0, 0, false);
            parent.children.put(nameOf(path), node);
        } else if ((flags & OpenFlags.O_CREAT) != 0 && (flags & OpenFlags.O_EXCL) != 0) {
            throw new ErrnoException(Errno.EEXIST);
        }
        if (node instanceof Directory dir) {
            if (OpenFlags.writable(flags)) {
                throw new ErrnoException(Errno.EISDIR);
            }
            return new DirectoryHandle(guestPath, flags, dir);
        }
        if ((flags & OpenFlags.O_DIRECTORY) != 0) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        if (node instanceof Device device) {
            return new DeviceHandle(guestPath, flags, device);
        }
        RegularFile file = (RegularFile) node;
        if ((flags & OpenFlags.O_TRUNC) != 0 && OpenFlags.writable(flags)) {
            file.truncate(0);
        }
        return new FileHandle(guestPath, flags, file);
    }

    @Override
    public void mkdir(String path, int mode) {
        Directory parent = directory(parentOf(path));
        String name = nameOf(path);
        if (parent.children.containsKey(name)) {
            throw new ErrnoException(Errno.EEXIST);
        }
        parent.children.put(name, new Directory(mode & 0777));
    }

    @Override
    public void unlink(String path) {
        Directory parent = directory(parentOf(path));
        Node node = parent.children.get(nameOf(path));
        if (node == null) {
            throw new ErrnoException(Errno.ENOENT);
        }
        if (node instanceof Directory) {
            throw new ErrnoException(Errno.EISDIR);
        }
        parent.children.remove(nameOf(path));
    }

    @Override
    public void rmdir(String path) {
        Directory parent = directory(parentOf(path));
        Node node = parent.children.get(nameOf(path));
        if (node == null) {
            throw new ErrnoException(Errno.ENOENT);
        }
        if (!(node instanceof Directory dir)) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        if (!dir.children.isEmpty()) {
            throw new ErrnoException(Errno.ENOTEMPTY);
        }
        parent.children.remove(nameOf(path));
    }

    @Override
    public void rename(String from, String to) {
        Directory fromParent = directory(parentOf(from));
        Node node = fromParent.children.get(nameOf(from));
        if (node == null) {
            throw new ErrnoException(Errno.ENOENT);
        }
        Directory toParent = directory(parentOf(to));
        Node existing = toParent.children.get(nameOf(to));
        if (existing instanceof Directory dir && !dir.children.isEmpty()) {
            throw new ErrnoException(Errno.ENOTEMPTY);
        }
        fromParent.children.remove(nameOf(from));
        toParent.children.put(nameOf(to), node);
    }

    @Override
    public String readlink(String path) {
        lookup(path);
        throw new ErrnoException(Errno.EINVAL);
    }

    @Override
    public void symlink(String target, String path) {
        throw new ErrnoException(Errno.EPERM);
    }

    @Override
    public void link(String existing, String path) {
        throw new ErrnoException(Errno.EPERM);
    }

    @Override
    public void truncate(String path, long length) {
        if (!(lookup(path) instanceof RegularFile file)) {
            throw new ErrnoException(Errno.EISDIR);
        }
        file.truncate(length);
    }

    private Node lookup(String path) {
        Node node = find(path);
        if (node == null) {
            throw new ErrnoException(Errno.ENOENT);
        }
        return node;
    }

    private Node find(String path) {
        Node node = root;
        if (path.isEmpty()) {
            return node;
        }
        for (String name : path.split("/")) {
            if (!(node instanceof Directory dir)) {
                throw new ErrnoException(Errno.ENOTDIR);
            }
            node = dir.children.get(name);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private Directory directory(String path) {
        if (!(lookup(path) instanceof Directory dir)) {
            throw new ErrnoException(Errno.ENOTDIR);
        }
        return dir;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static final class FileHandle extends OpenFile {
        private final RegularFile file;

        FileHandle(String guestPath, int flags, RegularFile file) {
            super(guestPath, flags);
            this.file = file;
        }

        @Override
        public int read(byte[] buffer, int offset, int length, long pos) {
            return file.read(buffer, offset, length, pos);
        }

        @Override
        public int write(byte[] buffer, int offset, int length, long pos) {
            return file.write(buffer, offset, length, pos);
        }

        @Override
        public long size() {
            return file.length;
        }

        @Override
        public void truncate(long length) {
            file.truncate(length);
        }

        @Override
        public FileStat stat() {
            return file.stat(file.length);
        }

        @Override
        public boolean seekable() {
            return true;
        }
    }

    private static final class DirectoryHandle extends OpenFile {
        private final Directory dir;

        DirectoryHandle(String guestPath, int flags, Directory dir) {
            super(guestPath, flags);
            this.dir = dir;
        }

        @Override
        public List<DirEntry> readDirectory() {
            List<DirEntry> entries = new ArrayList<>();
            entries.add(new DirEntry(".", dir.ino, DirEntry.DT_DIR));
            entries.add(new DirEntry("..", dir.ino, DirEntry.DT_DIR));
            dir.children.forEach((name, node) -> entries.add(new DirEntry(name, node.ino, typeOf(node))));
            return entries;
        }

        private static int typeOf(Node node) {
            if (node instanceof Directory) {
                return DirEntry.DT_DIR;
            }
            return node instanceof Device ? DirEntry.DT_CHR : DirEntry.DT_REG;
        }

        @Override
        public FileStat stat() {
            return dir.stat(4096);
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

    private static final class DeviceHandle extends OpenFile {
        private final Device device;

        DeviceHandle(String guestPath, int flags, Device device) {
            super(guestPath, flags);
            this.device = device;
        }

        @Override
        public int read(byte[] buffer, int offset, int length, long pos) {
            switch (device.kind) {
                case NULL:
                    return 0;
                case ZERO:
                    Arrays.fill(buffer, offset, offset + length, (byte) 0);
                    return length;
                default:
                    byte[] random = new byte[length];
                    RANDOM.nextBytes(random);
                    System.arraycopy(random, 0, buffer, offset, length);
                    return length;
            }
        }

        @Override
        public int write(byte[] buffer, int offset, int length, long pos) {
            return length;
        }

        @Override
        public FileStat stat() {
            return device.stat(0);
        }
    }
}
