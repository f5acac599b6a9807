package dev.orez.pglite.emscripten;

import com.dylibso.chicory.annotations.HostModule;
import com.dylibso.chicory.annotations.WasmExport;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Memory;
import dev.orez.pglite.fs.Errno;
import dev.orez.pglite.fs.ErrnoException;
import dev.orez.pglite.fs.OpenFile;

/** Heap growth and file-backed mmap (anonymous mmap never leaves libc). */
@HostModule("env")
public final class MemoryImports {
    private static final int PAGE = 65536;
    /** Chicory's ByteArrayMemory is one Java array, so the last 64 KiB page of 4 GiB is out of reach. */
    public static final int MAX_PAGES = 32767;

    private static final int PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 2;

    private final WasmProcess process;

    public MemoryImports(WasmProcess process) {
        this.process = process;
    }

    public HostFunction[] toHostFunctions() {
        return MemoryImports_ModuleFactory.toHostFunctions(this);
    }

    @WasmExport("emscripten_get_heap_max")
    public int heapMax() {
        return MAX_PAGES * PAGE;
    }

    /** Grows like the JS glue: 20% headroom (capped at +96 MiB), halving the headroom when that fails. */
    @WasmExport("emscripten_resize_heap")
    public int resizeHeap(int requestedSize) {
        long requested = Integer.toUnsignedLong(requestedSize);
        long maximum = (long) MAX_PAGES * PAGE;
        if (requested > maximum) {
            return 0;
        }
        Memory memory = process.memory();
        long current = (long) memory.pages() * PAGE;
        for (int divisor = 1; divisor <= 4; divisor *= 2) {
            long overGrown = Math.min((long) (current * (1 + 0.2 / divisor)), requested + 100_663_296L);
            long target = Math.min(maximum, roundUpToPage(Math.max(requested, overGrown)));
            int pages = (int) ((target - current) / PAGE);
            if (memory.grow(pages) >= 0) {
                return 1;
            }
        }
        return 0;
    }

    private static long roundUpToPage(long size) {
        return (size + PAGE - 1) / PAGE * PAGE;
    }

    @WasmExport("_mmap_js")
    public int mmap(int length, int protection, int flags, int fd, long offset, int allocatedOut, int addressOut) {
        return Syscall.posix(() -> {
            OpenFile file = process.fds().get(fd);
            int size = (int) roundUpToPage(length);
            int address = process.exports().memalign(PAGE, size);
            if (address == 0) {
                throw new ErrnoException(Errno.ENOMEM);
            }
            Memory memory = process.memory();
            memory.fill((byte) 0, address, address + size);
            byte[] contents = new byte[length];
            int n = file.read(contents, 0, length, offset);
            memory.write(address, contents, 0, n);
            memory.writeI32(allocatedOut, 1);
            memory.writeI32(addressOut, address);
            return 0;
        });
    }

    /** A shared writable mapping is written back to its file on unmap (msync semantics at the end). */
    @WasmExport("_munmap_js")
    public int munmap(int address, int length, int protection, int flags, int fd, long offset) {
        return Syscall.posix(() -> {
            if ((protection & PROT_WRITE) != 0 && (flags & MAP_PRIVATE) == 0) {
                process.fds().get(fd).write(process.memory().readBytes(address, length), 0, length, offset);
            }
            return 0;
        });
    }
}
