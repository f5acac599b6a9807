package dev.orez.pglite.emscripten;

import com.dylibso.chicory.annotations.HostModule;
import com.dylibso.chicory.annotations.WasmExport;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.TableImport;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import dev.orez.pglite.fs.OpenFile;
import dev.orez.pglite.fs.OpenFlags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Emscripten's dynamic linker ({@code dlopen}/{@code dlsym}) for side modules such as plpgsql.so and the
 * extensions: places a library's data in the main memory and its functions in the main table, links its
 * imports against the host, the main module and already loaded libraries, and fills its global offset table.
 */
@HostModule("env")
public final class DynamicLinker {
    /** Offsets into libc's {@code struct dso}, which dlopen allocates and hands to {@code _dlopen_js}. */
    private static final int DSO_MEM_ALLOCATED = 8;

    private static final int DSO_MEM_ADDR = 12;
    private static final int DSO_MEM_SIZE = 16;
    private static final int DSO_TABLE_ADDR = 20;
    private static final int DSO_TABLE_SIZE = 24;
    private static final int DSO_NAME = 36;
    private static final long UNRESOLVED = -1;

    private final WasmProcess process;
    private final HostLinker host;
    private final Map<String, GlobalInstance> globalOffsetTable = new HashMap<>();
    private final Map<String, Library> librariesByPath = new LinkedHashMap<>();
    private final Map<Integer, Library> librariesByHandle = new HashMap<>();
    private Map<Integer, Integer> tableSlotsOfMainFunctions;

    private static final class Library {
        final String path;
        final WasmModule module;
        final int memoryBase;
        final Map<String, Integer> functionSlots = new HashMap<>();
        Instance instance;

        Library(String path, WasmModule module, int memoryBase) {
            this.path = path;
            this.module = module;
            this.memoryBase = memoryBase;
        }
    }

    public DynamicLinker(WasmProcess process, HostLinker host) {
        this.process = process;
        this.host = host;
    }

    public HostFunction[] toHostFunctions() {
        return DynamicLinker_ModuleFactory.toHostFunctions(this);
    }

    @WasmExport("getTempRet0")
    public int getTempRet0() {
        return (int) process.instance().export("_emscripten_tempret_get").apply()[0];
    }

    @WasmExport("setTempRet0")
    public void setTempRet0(int value) {
        process.instance().export("_emscripten_tempret_set").apply(value);
    }

    /** Returns the handle on success; on failure sets {@code dlerror()} and returns 0. */
    @WasmExport("_dlopen_js")
    public int dlopen(int handle) {
        String path = process.readCString(handle + DSO_NAME);
        try {
            Library library = librariesByPath.get(path);
            if (library == null) {
                library = load(path, handle);
            }
            librariesByHandle.put(handle, library);
            return handle;
        } catch (RuntimeException | IOException e) {
            setError("could not load dynamic lib: " + path + "\n" + e.getMessage());
            return 0;
        }
    }

    /** A function's table slot (added on first use), or a data symbol's address. */
    @WasmExport("_dlsym_js")
    public int dlsym(int handle, int symbolAddress, int symbolIndexOut) {
        String symbol = process.readCString(symbolAddress);
        Library library = librariesByHandle.get(handle);
        if (library == null) {
            setError("dlsym: not a handle from dlopen");
            return 0;
        }
        int position = exportPosition(library.module, symbol);
        if (position >= 0) {
            Export export = library.module.exportSection().getExport(position);
            if (export.exportType() == ExternalType.FUNCTION) {
                boolean known = library.functionSlots.containsKey(symbol);
                int slot = tableSlotOf(library, symbol, export.index());
                if (!known) {
                    process.memory().writeI32(symbolIndexOut, position);
                }
                return slot;
            }
            if (export.exportType() == ExternalType.GLOBAL) {
                return (int) library.instance.global(export.index()).getValue() + library.memoryBase;
            }
        }
        setError("Tried to lookup unknown symbol \"" + symbol + "\" in dynamic lib: " + library.path);
        return 0;
    }

    private Library load(String path, int handle) throws IOException {
        SideModules.Compiled compiled = SideModules.get(path, readFile(path));
        DylinkSection dylink = compiled.dylink();
        Memory memory = process.memory();
        TableInstance table = process.instance().table(0);

        int memoryBase = 0;
        if (dylink.memorySize() > 0) {
            int align = Math.max(dylink.memoryAlignment(), 1);
            int raw = (int) process.instance().export("calloc").apply(dylink.memorySize() + align, 1)[0];
            if (raw == 0) {
                throw new IllegalStateException("out of memory for " + dylink.memorySize() + " bytes of data");
            }
            memoryBase = (raw + align - 1) & -align;
        }
        int tableBase = table.size();
        if (dylink.tableSize() > 0 && table.grow(dylink.tableSize(), 0, process.instance()) < 0) {
            throw new IllegalStateException("cannot grow the function table by " + dylink.tableSize());
        }
        memory.writeByte(handle + DSO_MEM_ALLOCATED, (byte) 1);
        memory.writeI32(handle + DSO_MEM_ADDR, memoryBase);
        memory.writeI32(handle + DSO_MEM_SIZE, dylink.memorySize());
        memory.writeI32(handle + DSO_TABLE_ADDR, tableBase);
        memory.writeI32(handle + DSO_TABLE_SIZE, dylink.tableSize());

        Library library = new Library(path, compiled.module(), memoryBase);
        library.instance = Instance.builder(compiled.module())
                .withImportValues(importsFor(library, tableBase))
                .withMachineFactory(compiled.machines())
                .build();
        librariesByPath.put(path, library);
        resolveFromExports(library);
        List<String> missing = new ArrayList<>();
        globalOffsetTable.forEach((name, entry) -> {
            if (entry.getValue() == UNRESOLVED) {
                missing.add(name);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("undefined symbols: " + new TreeSet<>(missing));
        }
        callIfExported(library.instance, "__wasm_apply_data_relocs");
        callIfExported(library.instance, "__wasm_call_ctors");
        return library;
    }

    private byte[] readFile(String path) throws IOException {
        OpenFile file = process.fileSystem().open(path, OpenFlags.O_RDONLY, 0);
        byte[] bytes = new byte[(int) file.size()];
        int read = file.read(bytes, 0, bytes.length, 0);
        if (read != bytes.length) {
            throw new IOException("short read of " + path);
        }
        return bytes;
    }

    private ImportValues importsFor(Library library, int tableBase) {
        ImportValues.Builder imports = ImportValues.builder();
        List<ImportFunction> functions = new ArrayList<>();
        List<ImportGlobal> globals = new ArrayList<>();
        WasmModule module = library.module;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imported = module.importSection().getImport(i);
            String name = imported.name();
            if (imported instanceof MemoryImport) {
                imports.addMemory(new ImportMemory(imported.module(), name, process.memory()));
            } else if (imported instanceof TableImport) {
                imports.addTable(new ImportTable(
                        imported.module(), name, process.instance().table(0)));
            } else if (imported instanceof GlobalImport) {
                globals.add(new ImportGlobal(imported.module(), name, globalFor(imported, library, tableBase)));
            } else if (imported instanceof FunctionImport function) {
                functions.add(functionFor(
                        imported.module(), name, module.typeSection().getType(function.typeIndex())));
            } else {
                throw new IllegalStateException("unsupported import " + imported.module() + "." + name);
            }
        }
        return imports.withFunctions(functions).withGlobals(globals).build();
    }

    private GlobalInstance globalFor(Import imported, Library library, int tableBase) {
        String name = imported.name();
        switch (imported.module()) {
            case "env":
                switch (name) {
                    case "__stack_pointer":
                        return process.instance().exports().global("__stack_pointer");
                    case "__memory_base":
                        return new GlobalInstance(Value.i32(library.memoryBase));
                    case "__table_base":
                        return new GlobalInstance(Value.i32(tableBase));
                    default:
                        break;
                }
                break;
            case "GOT.mem":
            case "GOT.func":
                GlobalInstance entry = globalOffsetTable.computeIfAbsent(
                        name, n -> new GlobalInstance(UNRESOLVED, 0, ValType.I32, MutabilityType.Var));
                if (entry.getValue() == UNRESOLVED) {
                    resolveFromMain(name, imported.module().equals("GOT.func"), entry);
                }
                return entry;
            default:
                break;
        }
        throw new IllegalStateException("unsupported global import " + imported.module() + "." + name);
    }

    /** Host first, then the main module's exports, then libraries loaded before (resolved at call time). */
    private ImportFunction functionFor(String module, String name, com.dylibso.chicory.wasm.types.FunctionType type) {
        var hosted = host.resolve(module, name, type);
        if (hosted.isPresent()) {
            return hosted.get();
        }
        if (exportsFunction(process.instance().module(), name)) {
            ExportFunction export = process.instance().export(name);
            return new ImportFunction(module, name, type, (caller, args) -> export.apply(args));
        }
        return new ImportFunction(module, name, type, (caller, args) -> {
            for (Library other : librariesByPath.values()) {
                if (exportsFunction(other.module, name)) {
                    return other.instance.export(name).apply(args);
                }
            }
            throw new IllegalStateException("unresolved function " + name);
        });
    }

    private void resolveFromMain(String symbol, boolean function, GlobalInstance entry) {
        Instance main = process.instance();
        int position = exportPosition(main.module(), symbol);
        if (position < 0) {
            return;
        }
        Export export = main.module().exportSection().getExport(position);
        if (function && export.exportType() == ExternalType.FUNCTION) {
            entry.setValue(Value.i32(tableSlotOfMainFunction(export.index())));
        } else if (!function && export.exportType() == ExternalType.GLOBAL) {
            entry.setValue(Value.i32(main.global(export.index()).getValue()));
        }
    }

    /** Emscripten's updateGOT: symbols a library defines itself, and that others were waiting for. */
    private void resolveFromExports(Library library) {
        ExportSection exports = library.module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export export = exports.getExport(i);
            GlobalInstance entry = globalOffsetTable.get(export.name());
            if (entry == null || entry.getValue() != UNRESOLVED) {
                continue;
            }
            if (export.exportType() == ExternalType.FUNCTION) {
                entry.setValue(Value.i32(tableSlotOf(library, export.name(), export.index())));
            } else if (export.exportType() == ExternalType.GLOBAL) {
                long address = library.instance.global(export.index()).getValue() + library.memoryBase;
                entry.setValue(Value.i32(address));
            }
        }
    }

    private int tableSlotOf(Library library, String name, int function) {
        return library.functionSlots.computeIfAbsent(name, n -> {
            TableInstance table = process.instance().table(0);
            int slot = table.grow(1, 0, process.instance());
            table.setRef(slot, function, library.instance);
            return slot;
        });
    }

    /** Emscripten's getFunctionAddress/addFunction for a main-module function. */
    private int tableSlotOfMainFunction(int function) {
        Instance main = process.instance();
        TableInstance table = main.table(0);
        if (tableSlotsOfMainFunctions == null) {
            tableSlotsOfMainFunctions = new HashMap<>();
            for (int slot = 1; slot < table.size(); slot++) {
                Instance owner = table.instance(slot);
                if (owner == null || owner == main) {
                    tableSlotsOfMainFunctions.putIfAbsent(table.ref(slot), slot);
                }
            }
        }
        return tableSlotsOfMainFunctions.computeIfAbsent(function, f -> {
            int slot = table.grow(1, 0, main);
            table.setRef(slot, f, main);
            return slot;
        });
    }

    private static boolean exportsFunction(WasmModule module, String name) {
        int position = exportPosition(module, name);
        return position >= 0 && module.exportSection().getExport(position).exportType() == ExternalType.FUNCTION;
    }

    /** Where {@code name} stands in the module's export section (names are unique), or -1. */
    private static int exportPosition(WasmModule module, String name) {
        ExportSection exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            if (exports.getExport(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void callIfExported(Instance instance, String name) {
        if (exportsFunction(instance.module(), name)) {
            instance.export(name).apply();
        }
    }

    private void setError(String message) {
        EmscriptenExports exports = process.exports();
        int stack = exports.stackSave();
        try {
            exports.dlSetError(process.stackString(message));
        } finally {
            exports.stackRestore(stack);
        }
    }
}
