package dev.orez.pglite;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.orez.pglite.wasm.PgDumpModule;
import dev.orez.pglite.wasm.PgliteModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * The wasm programs, loaded once per JVM and shared by every engine: pglite.wasm and pg_dump.wasm were compiled
 * to JVM bytecode at build time, so loading them only parses their metadata; initdb.wasm is only needed at build
 * time.
 */
final class PgliteModules {
    private PgliteModules() {}

    static WasmModule pglite() {
        return Pglite.MODULE;
    }

    static Function<Instance, Machine> pgliteMachines() {
        return PgliteModule::create;
    }

    static WasmModule pgDump() {
        return Dump.MODULE;
    }

    static Function<Instance, Machine> pgDumpMachines() {
        return PgDumpModule::create;
    }

    static WasmModule initdb() {
        try (InputStream in = PgliteModules.class.getResourceAsStream("/dev/orez/pglite/dist/initdb.wasm")) {
            if (in == null) {
                throw new IllegalStateException("initdb.wasm is missing from the classpath");
            }
            return Parser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Pglite {
        static final WasmModule MODULE = PgliteModule.load();
    }

    private static final class Dump {
        static final WasmModule MODULE = PgDumpModule.load();
    }
}
