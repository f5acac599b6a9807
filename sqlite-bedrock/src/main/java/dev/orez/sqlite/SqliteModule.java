package dev.orez.sqlite;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import dev.orez.sqlite.wasm.Sqlite3Module;
import java.util.function.Function;

/**
 * sqlite3.wasm as compiled to JVM bytecode at build time (module orez-sqlite-wasm); every connection instantiates it
 * anew. Compiling at run time instead would cost the first connection ~6 s.
 */
final class SqliteModule {
    private static final class Holder {
        static final WasmModule MODULE = Sqlite3Module.load();
    }

    private SqliteModule() {}

    static WasmModule module() {
        return Holder.MODULE;
    }

    static Function<Instance, Machine> machine() {
        return Sqlite3Module::create;
    }
}
