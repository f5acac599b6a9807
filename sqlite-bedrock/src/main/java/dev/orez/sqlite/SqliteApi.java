package dev.orez.sqlite;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One instance of sqlite3.wasm and typed access to the C functions it exports. Pointers are guest addresses (int);
 * strings cross as UTF-8 in memory the guest's {@code malloc} hands out. Not thread-safe, as the module is built
 * without mutexes.
 */
final class SqliteApi implements AutoCloseable {
    static final int OK = 0;
    static final int ROW = 100;
    static final int DONE = 101;
    /** SQLITE_TRANSIENT: SQLite copies the bound value, so the host can free its buffer right away. */
    private static final int TRANSIENT = -1;

    private final WasiPreview1 wasi;
    private final Instance instance;
    private final Memory memory;
    private final ExportFunction malloc;
    private final ExportFunction free;

    /** The guest sees {@code directory} as {@code guestDirectory} and nothing else of the host. */
    SqliteApi(String guestDirectory, Path directory) {
        wasi = WasiPreview1.builder()
                .withOptions(WasiOptions.builder()
                        .withDirectory(guestDirectory, directory)
                        .build())
                .build();
        instance = Instance.builder(SqliteModule.module())
                .withImportValues(ImportValues.builder()
                        .addFunction(wasi.toHostFunctions())
                        .addFunction(OrezHostFunctions.all())
                        .build())
                .withMachineFactory(SqliteModule.machine())
                .build();
        // A reactor: libc's constructors run in _initialize, which the host must call before anything else.
        instance.export("_initialize").apply();
        memory = instance.memory();
        malloc = instance.export("malloc");
        free = instance.export("free");
        int rc = callInt("orez_sqlite_init");
        if (rc != OK) {
            throw new SqliteException(rc, "sqlite3.wasm did not initialise");
        }
    }

    long call(String function, long... args) {
        long[] result = instance.export(function).apply(args);
        return result == null || result.length == 0 ? 0 : result[0];
    }

    int callInt(String function, long... args) {
        return (int) call(function, args);
    }

    int allocate(int bytes) {
        int pointer = (int) malloc.apply(Math.max(bytes, 1))[0];
        if (pointer == 0) {
            throw new SqliteException(7, "out of memory in the WebAssembly module");
        }
        return pointer;
    }

    void free(int pointer) {
        free.apply(pointer);
    }

    /** A NUL-terminated UTF-8 copy of {@code text} in guest memory; the caller frees it. */
    int cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int pointer = allocate(bytes.length + 1);
        memory.write(pointer, bytes);
        memory.writeByte(pointer + bytes.length, (byte) 0);
        return pointer;
    }

    /** A copy of {@code bytes} in guest memory; the caller frees it. */
    int copyIn(byte[] bytes) {
        int pointer = allocate(bytes.length);
        memory.write(pointer, bytes);
        return pointer;
    }

    String readCString(int pointer) {
        return pointer == 0 ? null : memory.readCString(pointer, StandardCharsets.UTF_8);
    }

    byte[] read(int pointer, int length) {
        return length == 0 ? new byte[0] : memory.readBytes(pointer, length);
    }

    int readPointer(int address) {
        return memory.readInt(address);
    }

    void writePointer(int address, int pointer) {
        memory.writeI32(address, pointer);
    }

    /** Binds with SQLITE_TRANSIENT: SQLite copies the value before the buffer is freed. */
    int bindBytes(String function, int statement, int index, byte[] value) {
        int pointer = copyIn(value);
        try {
            return callInt(function, statement, index, pointer, value.length, TRANSIENT);
        } finally {
            free(pointer);
        }
    }

    @Override
    public void close() {
        wasi.close();
    }
}
