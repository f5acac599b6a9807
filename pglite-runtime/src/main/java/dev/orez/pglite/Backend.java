package dev.orez.pglite;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import dev.orez.pglite.emscripten.ProcessExit;
import dev.orez.pglite.emscripten.Signals;
import dev.orez.pglite.emscripten.WasmProcess;
import dev.orez.pglite.fs.FileSystem;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One PGlite backend: a single-user Postgres session kept alive inside pglite.wasm, fed whole frontend
 * messages and answering with raw backend bytes, as PGlite's {@code execProtocolRawSync} does. Not thread
 * safe: {@link PGlite} confines it to one thread.
 */
final class Backend {
    /** {@code main} returns this when the single-user backend is initialized and kept alive. */
    private static final int PGLITE_EXIT_ALIVE = 99;
    /** PGlite's {@code siglongjmp} back to PostgresMain's error handler arrives as {@code exit(100)}. */
    private static final int POSTGRES_MAIN_LONGJMP = 100;

    private static final List<String> START_PARAMETERS = List.of(
            "--single",
            "-F",
            "-O",
            "-j",
            "-c",
            "search_path=public",
            "-c",
            "exit_on_error=false",
            "-c",
            "log_checkpoints=false",
            "-c",
            "max_worker_processes=0",
            "-c",
            "max_parallel_workers=0",
            "-c",
            "max_parallel_workers_per_gather=0",
            "-c",
            "io_method=sync",
            "-c",
            "max_parallel_maintenance_workers=0");

    private final PgliteProcess program;
    private final Instance instance;
    private final ExportFunction loopOnce;
    private final ExportFunction mainLongJmp;
    private final ExportFunction sendReadyForQuery;
    private final ExportFunction flush;
    private final ExportFunction remainingInput;
    private final Wire wire = new Wire();

    /** The bytes of one exchange: what the backend reads next, and what it has written. */
    private static final class Wire implements PgliteProcess.Channel {
        /** Output beyond this is handed to a stream at once instead of piling up. */
        private static final int STREAMED_CHUNK = 1 << 20;

        private byte[] input = new byte[0];
        private int readOffset;
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();
        private ProtocolStream stream;
        private WasmProcess process;

        void begin(byte[] message, ProtocolStream stream) {
            input = message;
            readOffset = 0;
            output.reset();
            this.stream = stream;
        }

        boolean inputPending() {
            return readOffset < input.length;
        }

        byte[] end() {
            input = new byte[0];
            stream = null;
            return drain();
        }

        /** Called by the backend only when it needs more bytes than the call brought: a COPY from the client. */
        @Override
        public int read(int address, int max) {
            if (!inputPending() && stream != null) {
                stream.send(drain());
                byte[] more = stream.receive();
                if (more != null) {
                    input = more;
                    readOffset = 0;
                }
            }
            int n = Math.min(max, input.length - readOffset);
            if (n > 0) {
                process.memory().write(address, input, readOffset, n);
                readOffset += n;
            }
            return n;
        }

        @Override
        public int write(int address, int length) {
            output.writeBytes(process.memory().readBytes(address, length));
            if (stream != null && output.size() >= STREAMED_CHUNK) {
                stream.send(drain());
            }
            return length;
        }

        private byte[] drain() {
            byte[] bytes = output.toByteArray();
            output.reset();
            return bytes;
        }
    }

    Backend(FileSystem fileSystem, String user, String database, Consumer<String> stderr) {
        WasmProcess process = new WasmProcess("postgres", fileSystem, stderr, stderr);
        program = new PgliteProcess(process, environment(user, database), wire);
        wire.process = process;
        instance = program.instance();
        loopOnce = instance.export("PostgresMainLoopOnce");
        mainLongJmp = instance.export("PostgresMainLongJmp");
        sendReadyForQuery = instance.export("PostgresSendReadyForQueryIfNecessary");
        flush = instance.export("pgl_pq_flush");
        remainingInput = instance.export("pq_buffer_remaining_data");
    }

    static Map<String, String> environment(String user, String database) {
        return Map.ofEntries(
                Map.entry("HOME", "/home/postgres"),
                Map.entry("USER", "postgres"),
                Map.entry("LOGNAME", "postgres"),
                Map.entry("PGDATA", PGlite.GUEST_PGDATA),
                Map.entry("PGUSER", user),
                Map.entry("PGDATABASE", database),
                Map.entry("LANG", "en_US.UTF-8"),
                Map.entry("LC_COLLATE", "en_US.UTF-8"),
                Map.entry("LC_CTYPE", "en_US.UTF-8"),
                Map.entry("TZ", "UTC"),
                Map.entry("PGTZ", "UTC"),
                Map.entry("PGCLIENTENCODING", "UTF8"),
                Map.entry("ICU_DATA", "/pglite/icu"));
    }

    /** Boots the single-user backend on the mounted PGDATA (crash recovery happens here). */
    void start(String database) {
        instance.export("pgl_setPGliteActive").apply(1);
        List<String> arguments = new ArrayList<>(START_PARAMETERS);
        arguments.addAll(List.of("-D", PGlite.GUEST_PGDATA, database));
        int status = program.process().callMain("/pglite/bin/postgres", arguments);
        if (status != PGLITE_EXIT_ALIVE) {
            throw new PGliteException("Postgres did not start (main returned " + status + ")\n"
                    + program.process().recentStderr());
        }
        instance.export("pgl_startPGlite").apply();
    }

    /**
     * Runs whole frontend messages and returns what the backend wrote that {@code stream} (may be null) was
     * not already given.
     */
    byte[] execProtocol(byte[] message, ProtocolStream stream) {
        if (message.length > 0 && message[0] == 'X') {
            return new byte[0]; // Terminate would end the only session this engine has
        }
        wire.begin(message, stream);
        if (message.length > 0 && message[0] == 0) {
            return startup();
        }
        signals().beginCall();
        try {
            while (wire.inputPending() || remainingInput.apply()[0] > 0) {
                int stackPointer = program.process().exports().stackSave();
                try {
                    loopOnce.apply();
                } catch (ProcessExit exit) {
                    if (exit.status() != POSTGRES_MAIN_LONGJMP) {
                        throw exit;
                    }
                    program.process().exports().stackRestore(stackPointer);
                    mainLongJmp.apply();
                }
            }
            sendReadyForQuery.apply();
            flush.apply();
        } finally {
            signals().endCall();
        }
        return wire.end();
    }

    /** A startup packet (no type byte): authentication is the proxy's job, the backend trusts it. */
    private byte[] startup() {
        int port = (int) instance.export("pgl_getMyProcPort").apply()[0];
        long status = instance.export("ProcessStartupPacket").apply(port, 1, 1)[0];
        if (status != 0) {
            throw new PGliteException("the backend rejected the startup packet\n"
                    + program.process().recentStderr());
        }
        instance.export("pgl_sendConnData").apply();
        flush.apply();
        return wire.end();
    }

    /** Ends the session with a shutdown checkpoint, so the next start needs no recovery. */
    void shutdown() {
        instance.export("pgl_setPGliteActive").apply(0);
        try {
            instance.export("pgl_run_atexit_funcs").apply();
        } catch (ProcessExit exit) {
            // proc_exit after the checkpoint: the expected way out
        }
    }

    Signals signals() {
        return program.process().signals();
    }

    String recentStderr() {
        return program.process().recentStderr();
    }

    /** After the backend died mid-call: what it wrote before, with its files closed. Never call it again. */
    byte[] abandon() {
        closeFiles();
        return wire.end();
    }

    void closeFiles() {
        program.process().fds().closeAll();
    }
}
