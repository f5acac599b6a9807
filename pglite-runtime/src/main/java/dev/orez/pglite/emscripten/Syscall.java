package dev.orez.pglite.emscripten;

import dev.orez.pglite.fs.Errno;
import dev.orez.pglite.fs.ErrnoException;
import java.io.IOException;

/** Turns a file-system failure into the return value each calling convention uses. */
final class Syscall {
    @FunctionalInterface
    interface Call {
        int run() throws IOException;
    }

    private Syscall() {}

    /** Emscripten's {@code __syscall_*}: the result, or {@code -errno}. */
    static int posix(Call call) {
        try {
            return call.run();
        } catch (ErrnoException e) {
            return -e.errno();
        } catch (IOException e) {
            return -Errno.EIO;
        }
    }

    /** WASI's {@code fd_*}: 0, or a positive errno. */
    static int wasi(Call call) {
        try {
            return call.run();
        } catch (ErrnoException e) {
            return e.errno();
        } catch (IOException e) {
            return Errno.EIO;
        }
    }
}
