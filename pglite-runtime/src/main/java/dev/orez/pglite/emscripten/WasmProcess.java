package dev.orez.pglite.emscripten;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import dev.orez.pglite.fs.ConsoleStream;
import dev.orez.pglite.fs.FdTable;
import dev.orez.pglite.fs.FileSystem;
import dev.orez.pglite.fs.OpenFile;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One running Emscripten program: its instance and memory, file descriptors, working directory, umask and
 * environment. The host modules act on the process they were created for, never on the {@code Instance}
 * Chicory passes them: side modules call the same imports with their own instance.
 */
public final class WasmProcess {
    private final String name;
    private final FileSystem fileSystem;
    private final FdTable fds;
    private final ConsoleStream stderr;
    private final Signals signals = new Signals(this);
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String workingDirectory = "/";
    private int umask = 022;
    private Instance instance;
    private Memory memory;
    private EmscriptenExports exports;

    public WasmProcess(String name, FileSystem fileSystem, Consumer<String> stdoutLines, Consumer<String> stderrLines) {
        this(name, fileSystem, new ConsoleStream("/dev/stdout", stdoutLines), stderrLines);
    }

    /** A program whose standard output is data, not log lines (pg_dump writing a dump). */
    public WasmProcess(String name, FileSystem fileSystem, OpenFile stdout, Consumer<String> stderrLines) {
        this.name = name;
        this.fileSystem = fileSystem;
        this.stderr = new ConsoleStream("/dev/stderr", stderrLines);
        this.fds = new FdTable(new ConsoleStream("/dev/stdin", line -> {}), stdout, stderr);
        // Emscripten's defaults, which the program's own variables then override.
        environment.put("USER", "web_user");
        environment.put("LOGNAME", "web_user");
        environment.put("PATH", "/");
        environment.put("PWD", "/");
        environment.put("HOME", "/home/web_user");
        environment.put("LANG", "C.UTF-8");
        environment.put("_", "/pglite/bin/postgres");
        SafepointThread.attach(signals);
    }

    /** Called once the instance exists (imports had to be built before it). */
    public void bind(Instance instance) {
        this.instance = instance;
        this.memory = instance.memory();
        this.exports = new EmscriptenExports(instance);
    }

    public String name() {
        return name;
    }

    public Instance instance() {
        return instance;
    }

    public Memory memory() {
        return memory;
    }

    public EmscriptenExports exports() {
        return exports;
    }

    public FileSystem fileSystem() {
        return fileSystem;
    }

    public Signals signals() {
        return signals;
    }

    /** Calls entry {@code index} of the function table; side modules import the main module's table. */
    public long[] callTableEntry(int index, long... args) {
        TableInstance table = instance.table(0);
        int function = table.requiredRef(index);
        Instance owner = table.instance(index);
        return (owner == null ? instance : owner).getMachine().call(function, args);
    }

    public FdTable fds() {
        return fds;
    }

    /** Must be complete before {@code __wasm_call_ctors}, which copies it into libc. */
    public Map<String, String> environment() {
        return environment;
    }

    public String workingDirectory() {
        return workingDirectory;
    }

    void setWorkingDirectory(String directory) {
        this.workingDirectory = directory;
    }

    int umask() {
        return umask;
    }

    void setUmask(int umask) {
        this.umask = umask;
    }

    /** The last lines the program wrote to stderr, for error messages. */
    public String recentStderr() {
        return stderr.recentOutput();
    }

    public String readCString(int address) {
        return memory.readCString(address);
    }

    /** Copies {@code text} NUL-terminated onto the wasm stack; the caller restores the stack afterwards. */
    public int stackString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int address = exports.stackAlloc(bytes.length + 1);
        memory.write(address, bytes);
        memory.writeByte(address + bytes.length, (byte) 0);
        return address;
    }

    /**
     * Emscripten's {@code callMain}: runs {@code main(argc, argv)} and returns its status or exit code. Like
     * the JS glue it leaves argv on the wasm stack: a backend kept alive after {@code main} returns may still
     * point into it.
     */
    public int callMain(String program, List<String> arguments) {
        int argc = arguments.size() + 1;
        int argv = exports.stackAlloc((argc + 1) * 4);
        memory.writeI32(argv, stackString(program));
        for (int i = 0; i < arguments.size(); i++) {
            memory.writeI32(argv + 4 * (i + 1), stackString(arguments.get(i)));
        }
        memory.writeI32(argv + 4 * argc, 0);
        try {
            return (int) instance.export("__main_argc_argv").apply(argc, argv)[0];
        } catch (ProcessExit exit) {
            return exit.status();
        }
    }
}
