package dev.orez.pglite.emscripten;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Resolves a wasm program's function imports against the host modules, by name and checked against the
 * import's declared type (a mismatch would otherwise corrupt the guest's stack silently).
 */
public final class HostLinker {
    private final Map<String, HostFunction> functions = new HashMap<>();
    private final InvokeTrampolines trampolines;

    /** @param runsAtexitHandlersOnExit see {@link ProcessImports#ProcessImports(WasmProcess, boolean)} */
    public HostLinker(WasmProcess process, boolean runsAtexitHandlersOnExit) {
        this.trampolines = new InvokeTrampolines(process);
        add(new FileSyscalls(process).toHostFunctions());
        add(new DescriptorCalls(process).toHostFunctions());
        add(new ProcessImports(process, runsAtexitHandlersOnExit).toHostFunctions());
        add(new TimeImports(process).toHostFunctions());
        add(new MemoryImports(process).toHostFunctions());
        add(new NetworkImports(process).toHostFunctions());
    }

    /** Adds a host module whose functions need the linker themselves (the dynamic linker). */
    public void add(HostFunction[] module) {
        for (HostFunction function : module) {
            if (functions.put(function.name(), function) != null) {
                throw new IllegalStateException("two host modules implement " + function.name());
            }
        }
    }

    /** The host's implementation of {@code module.name}, if it has one. */
    public Optional<HostFunction> resolve(String module, String name, FunctionType type) {
        if (name.startsWith("invoke_")) {
            return Optional.of(new HostFunction(module, name, type, trampolines.forType(type)));
        }
        HostFunction function = functions.get(name);
        if (function == null) {
            return Optional.empty();
        }
        if (!function.functionType().equals(type)) {
            throw new IllegalStateException("host function " + name + " has type " + function.functionType()
                    + " but the module imports it as " + type);
        }
        return Optional.of(new HostFunction(module, name, type, function.handle()));
    }

    /**
     * Every import of a main module: host functions, plus {@code memory} when the module imports its memory.
     * Fails listing everything missing, so a new PGlite version's new imports show up at once.
     */
    public ImportValues importsFor(WasmModule module, String programName, Memory importedMemory) {
        List<ImportFunction> resolved = new ArrayList<>();
        TreeSet<String> missing = new TreeSet<>();
        ImportValues.Builder imports = ImportValues.builder();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imported = module.importSection().getImport(i);
            String qualified = imported.module() + "." + imported.name();
            if (imported instanceof MemoryImport && importedMemory != null) {
                imports.addMemory(new ImportMemory(imported.module(), imported.name(), importedMemory));
            } else if (imported instanceof FunctionImport function) {
                FunctionType type = module.typeSection().getType(function.typeIndex());
                resolve(imported.module(), imported.name(), type)
                        .ifPresentOrElse(resolved::add, () -> missing.add(qualified));
            } else {
                missing.add(qualified);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "the host does not implement these imports of " + programName + ": " + missing);
        }
        return imports.withFunctions(resolved).build();
    }
}
