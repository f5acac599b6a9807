package dev.orez.pglite.fs;

/** Linux {@code open(2)} flag values, which Emscripten's libc passes through unchanged. */
public final class OpenFlags {
    public static final int O_ACCMODE = 3;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 64;
    public static final int O_EXCL = 128;
    public static final int O_TRUNC = 512;
    public static final int O_APPEND = 1024;
    public static final int O_DIRECTORY = 65536;

    private OpenFlags() {}

    public static boolean writable(int flags) {
        int access = flags & O_ACCMODE;
        return access == O_WRONLY || access == O_RDWR;
    }
}
