package dev.orez.pglite.emscripten;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Side modules parsed and compiled to bytecode once per JVM, shared by every engine that loads them. The
 * file image is the same for the whole JVM, so the guest path identifies the module.
 */
final class SideModules {
    record Compiled(DylinkSection dylink, WasmModule module, Function<Instance, Machine> machines) {}

    private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();

    private SideModules() {}

    static Compiled get(String path, byte[] bytes) {
        return CACHE.computeIfAbsent(path, p -> {
            DylinkSection dylink = DylinkSection.parse(bytes, p);
            WasmModule module = Parser.parse(bytes);
            Function<Instance, Machine> machines = MachineFactoryCompiler.builder(module)
                    .withInterpreterFallback(InterpreterFallback.SILENT)
                    .compile();
            return new Compiled(dylink, module, machines);
        });
    }
}
