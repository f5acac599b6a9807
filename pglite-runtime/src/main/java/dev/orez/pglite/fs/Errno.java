package dev.orez.pglite.fs;

/** Emscripten's errno numbering (the wasm32 musl ABI, shared with WASI), not the host's. */
public final class Errno {
    public static final int EACCES = 2;
    public static final int EAGAIN = 6;
    public static final int EBADF = 8;
    public static final int EEXIST = 20;
    public static final int EINVAL = 28;
    public static final int EIO = 29;
    public static final int EISDIR = 31;
    public static final int EMFILE = 33;
    public static final int ENOENT = 44;
    public static final int ENOMEM = 48;
    public static final int ENOSPC = 51;
    public static final int ENOSYS = 52;
    public static final int ENOTDIR = 54;
    public static final int ENOTEMPTY = 55;
    public static final int ENOTTY = 59;
    public static final int EPERM = 63;
    public static final int ERANGE = 68;
    public static final int EROFS = 69;
    public static final int ESPIPE = 70;
    public static final int EXDEV = 75;

    private Errno() {}
}
