package dev.orez.pglite.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * The guest's view of files: a mount table over absolute, normalized guest paths (the longest mount prefix
 * wins). One instance may be shared by several wasm programs (initdb and the postgres it drives see one tree).
 */
public final class FileSystem {
    private final Map<String, Mount> mounts =
            new TreeMap<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    private FileSystem(Mount root) {
        mounts.put("/", root);
    }

    /** A private in-memory tree seeded from the Postgres distribution image. */
    public static FileSystem withImage(FileImage image) {
        return new FileSystem(MemoryTree.fromImage(image));
    }

    /** Mounts a real host directory at {@code guestPath} (which must exist or is created in the tree). */
    public FileSystem mountHost(String guestPath, Path hostDirectory) {
        String path = normalize(guestPath);
        if (mounts.get("/") instanceof MemoryTree tree) {
            tree.mkdirs(path.substring(1));
        }
        mounts.put(path, new HostDirectory(hostDirectory));
        return this;
    }

    /** Resolves "." and ".." of an absolute guest path; ".." never climbs above the root. */
    public static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    private record Resolved(Mount mount, String path) {}

    private Resolved resolve(String guestPath) {
        String path = normalize(guestPath);
        for (Map.Entry<String, Mount> mount : mounts.entrySet()) {
            String prefix = mount.getKey();
            if (prefix.equals("/")) {
                return new Resolved(mount.getValue(), path.substring(1));
            }
            if (path.equals(prefix)) {
                return new Resolved(mount.getValue(), "");
            }
            if (path.startsWith(prefix + "/")) {
                return new Resolved(mount.getValue(), path.substring(prefix.length() + 1));
            }
        }
        throw new ErrnoException(Errno.ENOENT);
    }

    public FileStat stat(String path, boolean followLinks) throws IOException {
        Resolved r = resolve(path);
        return r.mount().stat(r.path(), followLinks);
    }

    public OpenFile open(String path, int flags, int mode) throws IOException {
        Resolved r = resolve(path);
        return r.mount().open(r.path(), normalize(path), flags, mode);
    }

    public void mkdir(String path, int mode) throws IOException {
        Resolved r = resolve(path);
        r.mount().mkdir(r.path(), mode);
    }

    public void unlink(String path) throws IOException {
        Resolved r = resolve(path);
        r.mount().unlink(r.path());
    }

    public void rmdir(String path) throws IOException {
        Resolved r = resolve(path);
        r.mount().rmdir(r.path());
    }

    public void rename(String from, String to) throws IOException {
        Resolved source = resolve(from);
        Resolved target = resolve(to);
        if (source.mount() != target.mount()) {
            throw new ErrnoException(Errno.EXDEV);
        }
        source.mount().rename(source.path(), target.path());
    }

    public String readlink(String path) throws IOException {
        Resolved r = resolve(path);
        return r.mount().readlink(r.path());
    }

    public void symlink(String target, String path) throws IOException {
        Resolved r = resolve(path);
        r.mount().symlink(target, r.path());
    }

    public void link(String existing, String path) throws IOException {
        Resolved source = resolve(existing);
        Resolved target = resolve(path);
        if (source.mount() != target.mount()) {
            throw new ErrnoException(Errno.EXDEV);
        }
        source.mount().link(source.path(), target.path());
    }

    public void truncate(String path, long length) throws IOException {
        Resolved r = resolve(path);
        r.mount().truncate(r.path(), length);
    }
}
