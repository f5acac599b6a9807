package dev.orez.pglite.fs;

import java.nio.ByteBuffer;

/** An in-process pipe ({@code pipe2}); Postgres uses one as its self-pipe for latches. Never blocks. */
public final class Pipe {
    private ByteBuffer buffer = ByteBuffer.allocate(8192);

    public OpenFile readEnd() {
        return new End(false);
    }

    public OpenFile writeEnd() {
        return new End(true);
    }

    private final class End extends OpenFile {
        End(boolean writer) {
            super("pipe:", writer ? OpenFlags.O_WRONLY : OpenFlags.O_RDONLY);
        }

        @Override
        public int read(byte[] target, int offset, int length, long pos) {
            buffer.flip();
            int n = Math.min(length, buffer.remaining());
            buffer.get(target, offset, n);
            buffer.compact();
            if (n == 0) {
                // Nothing to read would block a real pipe; the guest set O_NONBLOCK and expects EAGAIN.
                throw new ErrnoException(Errno.EAGAIN);
            }
            return n;
        }

        @Override
        public int write(byte[] source, int offset, int length, long pos) {
            if (buffer.remaining() < length) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + length));
                buffer.flip();
                larger.put(buffer);
                buffer = larger;
            }
            buffer.put(source, offset, length);
            return length;
        }

        @Override
        public FileStat stat() {
            return new FileStat(0, FileStat.S_IFIFO | 0600, 1, 0, 0, 0, 0, 0);
        }
    }
}
