package dev.orez.pglite.fs;

/** What {@code stat} reports, in the units the guest's {@code struct stat} wants. */
public record FileStat(int dev, int mode, int nlink, long size, long ino, long atimeMs, long mtimeMs, long ctimeMs) {
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    public static final int S_IFSOCK = 0140000;

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }
}
