package dev.orez.pglite.fs;

/** One {@code getdents64} record: a name and its {@code d_type}. */
public record DirEntry(String name, long ino, int type) {
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
}
