package dev.orez.pglite.fs;

import java.io.IOException;

/**
 * A file tree attached at a guest path. Paths given to a mount are relative to its root, normalized, with
 * no leading slash ("" is the root itself).
 */
interface Mount {
    FileStat stat(String path, boolean followLinks) throws IOException;

    OpenFile open(String path, String guestPath, int flags, int mode) throws IOException;

    void mkdir(String path, int mode) throws IOException;

    void unlink(String path) throws IOException;

    void rmdir(String path) throws IOException;

    void rename(String from, String to) throws IOException;

    String readlink(String path) throws IOException;

    void symlink(String target, String path) throws IOException;

    void link(String existing, String path) throws IOException;

    void truncate(String path, long length) throws IOException;
}
