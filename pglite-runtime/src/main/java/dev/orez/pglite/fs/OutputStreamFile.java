package dev.orez.pglite.fs;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A write-only stream into a Java {@link OutputStream}, byte for byte: a program's standard output when its output
 * is data (a dump), not log lines. The first failure of the stream is kept, since the guest only sees EIO.
 */
public final class OutputStreamFile extends OpenFile {
    private final OutputStream out;
    private IOException failure;

    public OutputStreamFile(String guestPath, OutputStream out) {
        super(guestPath, OpenFlags.O_WRONLY);
        this.out = out;
    }

    @Override
    public int write(byte[] buffer, int offset, int length, long pos) throws IOException {
        if (failure != null) {
            throw new ErrnoException(Errno.EIO);
        }
        try {
            out.write(buffer, offset, length);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        return length;
    }

    /** The exception the stream threw, or null. */
    public IOException failure() {
        return failure;
    }

    @Override
    public FileStat stat() {
        return new FileStat(0, FileStat.S_IFIFO | 0200, 1, 0, 0, 0, 0, 0);
    }
}
