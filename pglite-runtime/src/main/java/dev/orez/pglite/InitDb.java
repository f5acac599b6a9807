package dev.orez.pglite;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import dev.orez.pglite.emscripten.CallbackTable;
import dev.orez.pglite.emscripten.DynamicLinker;
import dev.orez.pglite.emscripten.HostLinker;
import dev.orez.pglite.emscripten.WasmProcess;
import dev.orez.pglite.fs.FileImage;
import dev.orez.pglite.fs.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs initdb.wasm the way PGlite's initdb does: initdb's {@code system()} and {@code popen()} run postgres
 * in-process by calling pglite.wasm's {@code main} (from a fresh memory snapshot each time, since every run
 * is a new "process"), and the two programs exchange the bootstrap script and output through files in their
 * shared file system.
 */
final class InitDb {
    private static final String POSTGRES = "/pglite/bin/postgres";
    private static final String POSTGRES_STDIN = "/pglite/pgstdin";
    private static final String POSTGRES_STDOUT = "/pglite/pgstdout";
    private static final List<String> ARGUMENTS = List.of(
            "--allow-group-access", "--encoding", "UTF8", "--locale=C.UTF-8", "--locale-provider=libc", "--auth=trust");

    private final PgliteProcess postgres;
    private final byte[] postgresMemorySnapshot;
    private final GlobalInstance postgresStackPointer;
    private final long initialStackPointer;
    private final WasmProcess initdb;
    private final Instance initdbInstance;

    private int postgresOutput; // FILE* initdb reads postgres's stdout from
    private int postgresInput; // FILE* initdb writes postgres's stdin to
    private List<String> pendingCommand; // a popen(..., "w") whose postgres runs at pclose
    private int lastStatus;

    private InitDb(Path pgdata, Consumer<String> log) {
        FileSystem fileSystem = FileSystem.withImage(FileImage.fromClasspath()).mountHost(PGlite.GUEST_PGDATA, pgdata);
        postgres = new PgliteProcess(
                new WasmProcess("postgres", fileSystem, log, log),
                Backend.environment("postgres", "postgres"),
                new PgliteProcess.Channel() {
                    @Override
                    public int read(int address, int max) {
                        return 0;
                    }

                    @Override
                    public int write(int address, int length) {
                        return length;
                    }
                });
        Memory memory = postgres.process().memory();
        postgresMemorySnapshot = memory.readBytes(0, memory.pages() * 65536);
        postgresStackPointer = postgres.instance().exports().global("__stack_pointer");
        initialStackPointer = postgresStackPointer.getValue();

        initdb = new WasmProcess("initdb", fileSystem, log, log);
        initdb.environment()
                .putAll(Map.of(
                        "PGDATA", PGlite.GUEST_PGDATA,
                        "HOME", "/home/postgres",
                        "USER", "postgres",
                        "LOGNAME", "postgres",
                        "ICU_DATA", "/pglite/icu",
                        "TZ", "UTC"));
        WasmModule module = PgliteModules.initdb();
        HostLinker host = new HostLinker(initdb, true);
        host.add(new DynamicLinker(initdb, host).toHostFunctions());
        initdbInstance = Instance.builder(module)
                .withImportValues(host.importsFor(module, "initdb.wasm", ImportValues.empty()))
                .withMachineFactory(MachineFactoryCompiler.builder(module)
                        .withInterpreterFallback(InterpreterFallback.SILENT)
                        .compile())
                .build();
        initdb.bind(initdbInstance);
        initdbInstance.export("__wasm_call_ctors").apply();
        installShell();
        redirectPostgresStdio();
    }

    /** Creates a new cluster in {@code pgdata}, which must be empty. */
    static void run(Path pgdata, Consumer<String> log) {
        InitDb run = new InitDb(pgdata, log);
        try {
            int status = run.initdb.callMain("/pglite/bin/initdb", ARGUMENTS);
            if (status != 0) {
                throw new PGliteException("initdb failed with status " + status + "\n" + run.initdb.recentStderr());
            }
        } finally {
            run.initdb.fds().closeAll();
            run.postgres.process().fds().closeAll();
        }
    }

    private void installShell() {
        FunctionType charPointerToInt = FunctionType.of(List.of(ValType.I32), List.of(ValType.I32));
        FunctionType twoPointersToInt = FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
        int[] slots = CallbackTable.install(
                initdbInstance,
                List.of(
                        new CallbackTable.Callback("system", charPointerToInt, (caller, args) ->
                                new long[] {runPostgres(ShellCommand.parse(initdb.readCString((int) args[0])))}),
                        new CallbackTable.Callback(
                                "popen", twoPointersToInt, (caller, args) -> new long[] {
                                    popen(initdb.readCString((int) args[0]), initdb.readCString((int) args[1]))
                                }),
                        new CallbackTable.Callback(
                                "pclose", charPointerToInt, (caller, args) -> new long[] {pclose((int) args[0])})));
        initdbInstance.export("pgl_set_system_fn").apply(slots[0]);
        initdbInstance.export("pgl_set_popen_fn").apply(slots[1]);
        initdbInstance.export("pgl_set_pclose_fn").apply(slots[2]);
    }

    /** postgres reads its stdin from, and writes its stdout to, files initdb opens the other way round. */
    private void redirectPostgresStdio() {
        WasmProcess pg = postgres.process();
        int stack = pg.exports().stackSave();
        postgres.instance().export("pgl_freopen").apply(pg.stackString(POSTGRES_STDIN), pg.stackString("r"), 0);
        postgres.instance().export("pgl_freopen").apply(pg.stackString(POSTGRES_STDOUT), pg.stackString("w"), 1);
        pg.exports().stackRestore(stack);

        stack = initdb.exports().stackSave();
        postgresOutput = fopen(POSTGRES_STDOUT, "r");
        postgresInput = fopen(POSTGRES_STDIN, "w");
        initdb.exports().stackRestore(stack);
    }

    private int fopen(String path, String mode) {
        return (int) initdbInstance.export("fopen").apply(initdb.stackString(path), initdb.stackString(mode))[0];
    }

    /** "r": run postgres now and let initdb read its output; "w": initdb writes the input, pclose runs it. */
    private int popen(String command, String mode) {
        List<String> argv = ShellCommand.parse(command);
        if (mode.equals("r")) {
            lastStatus = runPostgres(argv);
            return postgresOutput;
        }
        if (mode.equals("w")) {
            pendingCommand = argv;
            return postgresInput;
        }
        throw new PGliteException("initdb used popen mode " + mode);
    }

    private int pclose(int stream) {
        if (stream != postgresOutput && stream != postgresInput) {
            return (int) initdbInstance.export("pclose").apply(stream)[0];
        }
        if (pendingCommand != null) {
            initdbInstance.export("fflush").apply(stream); // postgres must see all of the script
            lastStatus = runPostgres(pendingCommand);
            pendingCommand = null;
        }
        return lastStatus;
    }

    private int runPostgres(List<String> argv) {
        if (argv.isEmpty() || !argv.get(0).equals(POSTGRES)) {
            throw new PGliteException("initdb tried to run something other than postgres: " + argv);
        }
        postgres.process().memory().write(0, postgresMemorySnapshot);
        postgresStackPointer.setValue(Value.i32(initialStackPointer));
        return postgres.process().callMain(POSTGRES, argv.subList(1, argv.size()));
    }
}
