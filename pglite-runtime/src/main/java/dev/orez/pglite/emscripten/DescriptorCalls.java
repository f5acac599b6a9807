package dev.orez.pglite.emscripten;

import com.dylibso.chicory.annotations.HostModule;
import com.dylibso.chicory.annotations.WasmExport;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Memory;
import dev.orez.pglite.fs.Errno;
import dev.orez.pglite.fs.ErrnoException;
import dev.orez.pglite.fs.OpenFile;
import dev.orez.pglite.fs.OpenFlags;

/** WASI's descriptor I/O ({@code fd_*}), which Emscripten's libc uses for read/write/seek/close. */
@HostModule("wasi_snapshot_preview1")
public final class DescriptorCalls {
    private static final int FILETYPE_CHARACTER_DEVICE = 2;
    private static final int FILETYPE_DIRECTORY = 3;
    private static final int FILETYPE_REGULAR_FILE = 4;

    private final WasmProcess process;

    public DescriptorCalls(WasmProcess process) {
        this.process = process;
    }

    public HostFunction[] toHostFunctions() {
        return DescriptorCalls_ModuleFactory.toHostFunctions(this);
    }

    private Memory memory() {
        return process.memory();
    }

    @WasmExport("fd_close")
    public int close(int fd) {
        return Syscall.wasi(() -> {
            process.fds().close(fd);
            return 0;
        });
    }

    @WasmExport("fd_read")
    public int read(int fd, int iovs, int iovCount, int readOut) {
        return Syscall.wasi(() -> {
            OpenFile file = process.fds().get(fd);
            int n = readVectors(file, iovs, iovCount, file.position());
            if (file.seekable()) {
                file.setPosition(file.position() + n);
            }
            memory().writeI32(readOut, n);
            return 0;
        });
    }

    @WasmExport("fd_pread")
    public int pread(int fd, int iovs, int iovCount, long offset, int readOut) {
        return Syscall.wasi(() -> {
            memory().writeI32(readOut, readVectors(process.fds().get(fd), iovs, iovCount, offset));
            return 0;
        });
    }

    @WasmExport("fd_write")
    public int write(int fd, int iovs, int iovCount, int writtenOut) {
        return Syscall.wasi(() -> {
            OpenFile file = process.fds().get(fd);
            long position = file.position();
            if ((file.flags() & OpenFlags.O_APPEND) != 0 && file.seekable()) {
                position = file.size();
            }
            int n = writeVectors(file, iovs, iovCount, position);
            if (file.seekable()) {
                file.setPosition(position + n);
            }
            memory().writeI32(writtenOut, n);
            return 0;
        });
    }

    @WasmExport("fd_pwrite")
    public int pwrite(int fd, int iovs, int iovCount, long offset, int writtenOut) {
        return Syscall.wasi(() -> {
            memory().writeI32(writtenOut, writeVectors(process.fds().get(fd), iovs, iovCount, offset));
            return 0;
        });
    }

    @WasmExport("fd_seek")
    public int seek(int fd, long offset, int whence, int newOffsetOut) {
        return Syscall.wasi(() -> {
            OpenFile file = process.fds().get(fd);
            if (!file.seekable()) {
                throw new ErrnoException(Errno.ESPIPE);
            }
            long base;
            switch (whence) {
                case 0:
                    base = 0;
                    break;
                case 1:
                    base = file.position();
                    break;
                case 2:
                    base = file.size();
                    break;
                default:
                    throw new ErrnoException(Errno.EINVAL);
            }
            long position = base + offset;
            if (position < 0) {
                throw new ErrnoException(Errno.EINVAL);
            }
            file.setPosition(position);
            memory().writeLong(newOffsetOut, position);
            return 0;
        });
    }

    @WasmExport("fd_sync")
    public int sync(int fd) {
        return Syscall.wasi(() -> {
            process.fds().get(fd).sync();
            return 0;
        });
    }

    @WasmExport("fd_fdstat_get")
    public int fdstatGet(int fd, int statOut) {
        return Syscall.wasi(() -> {
            OpenFile file = process.fds().get(fd);
            int type = file.isTerminal()
                    ? FILETYPE_CHARACTER_DEVICE
                    : file.isDirectory() ? FILETYPE_DIRECTORY : FILETYPE_REGULAR_FILE;
            memory().writeByte(statOut, (byte) type);
            memory().writeShort(statOut + 2, (short) 0);
            memory().writeLong(statOut + 8, 0);
            memory().writeLong(statOut + 16, 0);
            return 0;
        });
    }

    /** Scatter read into (pointer, length) pairs; stops early at end of data like readv(2). */
    private int readVectors(OpenFile file, int iovs, int iovCount, long position) throws java.io.IOException {
        int total = 0;
        for (int i = 0; i < iovCount; i++) {
            int address = memory().readInt(iovs + i * 8);
            int length = memory().readInt(iovs + i * 8 + 4);
            if (length == 0) {
                continue;
            }
            byte[] chunk = new byte[length];
            int n;
            try {
                n = file.read(chunk, 0, length, position + total);
            } catch (ErrnoException e) {
                if (total > 0 && e.errno() == Errno.EAGAIN) {
                    break; // a partial read from a pipe is a success
                }
                throw e;
            }
            memory().write(address, chunk, 0, n);
            total += n;
            if (n < length) {
                break;
            }
        }
        return total;
    }

    /** Gather write: one host write for all vectors, so a record is never split across two writes. */
    private int writeVectors(OpenFile file, int iovs, int iovCount, long position) throws java.io.IOException {
        int total = 0;
        for (int i = 0; i < iovCount; i++) {
            total += memory().readInt(iovs + i * 8 + 4);
        }
        byte[] data = new byte[total];
        int filled = 0;
        for (int i = 0; i < iovCount; i++) {
            int address = memory().readInt(iovs + i * 8);
            int length = memory().readInt(iovs + i * 8 + 4);
            System.arraycopy(memory().readBytes(address, length), 0, data, filled, length);
            filled += length;
        }
        return file.write(data, 0, total, position);
    }
}
