package dev.orez.pglite.emscripten;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValue;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
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
        this(process, runsAtexitHandlersOnExit, false);
    }

    /**
     * @param runsAtexitHandlersOnExit see {@link ProcessImports#ProcessImports(WasmProcess, boolean)}
     * @param socketsArePlaceholders see {@link NetworkImports#NetworkImports(WasmProcess, boolean)}
     */
    public HostLinker(WasmProcess process, boolean runsAtexitHandlersOnExit, boolean socketsArePlaceholders) {
        this.trampolines = new InvokeTrampolines(process);
        add(new FileSyscalls(process).toHostFunctions());
        add(new DescriptorCalls(process).toHostFunctions());
        add(new ProcessImports(process, runsAtexitHandlersOnExit).toHostFunctions());
        add(new TimeImports(process).toHostFunctions());
        add(new MemoryImports(process).toHostFunctions());
        add(new NetworkImports(process, socketsArePlaceholders).toHostFunctions());
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
        FunctionType implemented = function.functionType();
        if (implemented.equals(type)) {
            return Optional.of(new HostFunction(module, name, type, function.handle()));
        }
        // The Emscripten versions behind PGlite's builds disagree on some signatures: pglite.wasm's
        // _localtime_js returns an int, pg_dump.wasm imports it as void. A caller that takes no result can
        // be served by the same function, its result dropped.
        if (type.returns().isEmpty() && implemented.params().equals(type.params())) {
            return Optional.of(new HostFunction(module, name, type, (instance, args) -> {
                function.handle().apply(instance, args);
                return null;
            }));
        }
        throw new IllegalStateException(
                "host function " + name + " has type " + implemented + " but the module imports it as " + type);
    }

    /**
     * Every import of a main module: host functions, plus the memories, tables and globals in {@code supplied}
     * (matched by module and name). Fails listing everything missing, so a new PGlite version's new imports show
     * up at once.
     */
    public ImportValues importsFor(WasmModule module, String programName, ImportValues supplied) {
        List<ImportFunction> resolved = new ArrayList<>();
        TreeSet<String> missing = new TreeSet<>();
        ImportValues.Builder imports = ImportValues.builder();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imported = module.importSection().getImport(i);
            String qualified = imported.module() + "." + imported.name();
            if (imported instanceof FunctionImport function) {
                FunctionType type = module.typeSection().getType(function.typeIndex());
                resolve(imported.module(), imported.name(), type)
                        .ifPresentOrElse(resolved::add, () -> missing.add(qualified));
            } else if (!addSupplied(imported, supplied, imports)) {
                missing.add(qualified);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "the host does not implement these imports of " + programName + ": " + missing);
        }
        return imports.withFunctions(resolved).build();
    }

    private static boolean addSupplied(Import imported, ImportValues supplied, ImportValues.Builder imports) {
        for (ImportMemory memory : supplied.memories()) {
            if (matches(imported, memory)) {
                imports.addMemory(memory);
                return true;
            }
        }
        for (ImportTable table : supplied.tables()) {
            if (matches(imported, table)) {
                imports.addTable(table);
                return true;
            }
        }
        for (ImportGlobal global : supplied.globals()) {
            if (matches(imported, global)) {
                imports.addGlobal(global);
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Import imported, ImportValue value) {
        return imported.module().equals(value.module()) && imported.name().equals(value.name());
    }
}
