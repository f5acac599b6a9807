package dev.orez.pglite.fs;

import java.io.IOException;
import java.util.List;

/**
 * An open file description: what one or more file descriptors share (position, flags). Subclasses
 * override only what their kind of file supports; everything else fails the way POSIX says it does.
 */
public abstract class OpenFile {
    private final String guestPath;
    private int flags;
    private long position;
    private int references = 1;

    protected OpenFile(String guestPath, int flags) {
        this.guestPath = guestPath;
        this.flags = flags;
    }

    /** Absolute guest path this was opened as; {@code *at} syscalls resolve relative paths against it. */
    public final String guestPath() {
        return guestPath;
    }

    public final int flags() {
        return flags;
    }

    public final void setFlags(int flags) {
        this.flags = flags;
    }

    public final long position() {
        return position;
    }

    public final void setPosition(long position) {
        this.position = position;
    }

    final void retain() {
        references++;
    }

    /** Drops one descriptor's reference; closes the description when it was the last one. */
    final void release() throws IOException {
        if (--references == 0) {
            close();
        }
    }

    /** Reads at {@code pos}; returns 0 at end of file. */
    public int read(byte[] buffer, int offset, int length, long pos) throws IOException {
        throw new ErrnoException(Errno.EBADF);
    }

    /** Writes at {@code pos}; returns the number of bytes written. */
    public int write(byte[] buffer, int offset, int length, long pos) throws IOException {
        throw new ErrnoException(Errno.EBADF);
    }

    public long size() throws IOException {
        return 0;
    }

    public void truncate(long length) throws IOException {
        throw new ErrnoException(Errno.EINVAL);
    }

    public void sync() throws IOException {}

    public abstract FileStat stat() throws IOException;

    public List<DirEntry> readDirectory() throws IOException {
        throw new ErrnoException(Errno.ENOTDIR);
    }

    /** Files and directories keep a position; devices and pipes do not. */
    public boolean seekable() {
        return false;
    }

    /** Terminals make musl line-buffer and {@code isatty} answer yes. */
    public boolean isTerminal() {
        return false;
    }

    public boolean isDirectory() {
        return false;
    }

    protected void close() throws IOException {}
}
