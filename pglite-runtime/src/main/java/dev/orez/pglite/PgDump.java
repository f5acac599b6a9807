package dev.orez.pglite;

import dev.orez.pglite.emscripten.SafepointThread;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The real pg_dump (PGlite's build of Postgres 18's, from pglite-tools) run inside this JVM, against an engine in
 * the same JVM or a Postgres wire server over TCP. Each {@link #dump} is one pg_dump process on its own thread;
 * the caller's thread waits, and interrupting it stops the dump.
 */
public final class PgDump {
    /** Reserved, not committed: the interpreted {@code main} and deep call chains need more than the default. */
    private static final long STACK_SIZE = 256L << 20;

    private static final String ENGINE_USER = "postgres";
    /** libpq wants a host and port to describe; the bytes never go there. */
    private static final String ENGINE_HOST = "127.0.0.1";

    private static final String ENGINE_PORT = "5432";
    /** Options this class sets itself: a second value would point libpq or the output elsewhere. */
    private static final List<String> RESERVED_OPTIONS = List.of(
            "-h", "--host", "-p", "--port", "-U", "--username", "-d", "--dbname", "-f", "--file", "-W", "--password");

    private final Connector connector;
    private final Consumer<String> stderr;

    /** Opens the connection for one run, and says how libpq should describe it. */
    private interface Connector {
        Connection open() throws IOException;
    }

    private record Connection(ServerLink link, List<String> arguments, Map<String, String> environment) {}

    private PgDump(Connector connector, Consumer<String> stderr) {
        this.connector = connector;
        this.stderr = stderr;
    }

    /**
     * Dumps an engine in this JVM, which nobody else may use while a dump runs (it is one session). Afterwards
     * the session has no transaction, no prepared statements and default settings, as after a new startup.
     */
    public static PgDump inProcess(PGlite engine, String database) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(database, "database");
        List<String> arguments =
                List.of("-h", ENGINE_HOST, "-p", ENGINE_PORT, "-U", ENGINE_USER, "-d", database, "--no-password");
        return new PgDump(
                () -> new Connection(new EngineLink(engine, ENGINE_USER, database), arguments, Map.of()), line -> {});
    }

    /** Dumps through a Postgres wire server, with a password (cleartext or md5 auth) or none ({@code null}). */
    public static PgDump overTcp(String host, int port, String user, String password, String database) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(database, "database");
        Map<String, String> environment = password == null ? Map.of() : Map.of("PGPASSWORD", password);
        return new PgDump(
                () -> {
                    SocketLink link = SocketLink.connect(host, port);
                    List<String> arguments = List.of(
                            "-h",
                            link.address(),
                            "-p",
                            Integer.toString(port),
                            "-U",
                            user,
                            "-d",
                            database,
                            "--no-password");
                    return new Connection(link, arguments, environment);
                },
                line -> {});
    }

    /**
     * Also hands every line pg_dump writes to stderr (warnings on success, errors) to {@code lines}, on pg_dump's
     * thread.
     */
    public PgDump withStderr(Consumer<String> lines) {
        return new PgDump(connector, Objects.requireNonNull(lines, "lines"));
    }

    /**
     * Runs {@code pg_dump pgDumpArgs...} and writes its output, byte for byte, to {@code out} (plain SQL unless
     * the arguments choose another format). The arguments are dump options such as {@code --schema-only} or
     * {@code --table=x}; the connection, the output file and password prompting are this class's business.
     *
     * @throws PgDumpException when pg_dump fails, with its error message
     * @throws IOException when writing to {@code out} fails
     */
    public void dump(List<String> pgDumpArgs, OutputStream out) throws IOException {
        checkArguments(pgDumpArgs);
        Connection connection;
        try {
            connection = connector.open();
        } catch (IOException e) {
            throw new PgDumpException("pg_dump cannot connect: " + e.getMessage(), -1, e);
        }
        List<String> arguments = new ArrayList<>(pgDumpArgs);
        arguments.addAll(connection.arguments());
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        Run run = new Run(connection, arguments, buffered);
        boolean interrupted;
        try {
            interrupted = runToEnd(run, connection.link());
        } finally {
            connection.link().close();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new PgDumpException("pg_dump was interrupted", -1, run.failure);
        }
        run.throwIfFailed();
        buffered.flush();
    }

    private static void checkArguments(List<String> pgDumpArgs) {
        for (String argument : pgDumpArgs) {
            for (String option : RESERVED_OPTIONS) {
                boolean isLong = option.startsWith("--");
                if (argument.equals(option) || argument.startsWith(isLong ? option + "=" : option)) {
                    throw new IllegalArgumentException(argument + ": PgDump sets " + option + " itself");
                }
            }
        }
    }

    /** Runs pg_dump on its own thread and waits; returns whether the caller was interrupted meanwhile. */
    private static boolean runToEnd(Run run, ServerLink link) {
        Thread thread = new SafepointThread(run, "pg_dump", STACK_SIZE);
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                return interrupted;
            } catch (InterruptedException e) {
                if (!interrupted) {
                    interrupted = true;
                    link.shutdown(); // wakes a read blocked on the server
                    thread.interrupt(); // stops compiled code at its next loop or call
                }
            }
        }
    }

    /** One pg_dump process, from start to exit, on the thread that runs it. */
    private final class Run implements Runnable {
        private final Connection connection;
        private final List<String> arguments;
        private final OutputStream out;
        private PgDumpProgram program;
        private int status = -1;
        private Throwable failure;

        Run(Connection connection, List<String> arguments, OutputStream out) {
            this.connection = connection;
            this.arguments = arguments;
            this.out = out;
        }

        @Override
        public void run() {
            try {
                program = new PgDumpProgram(connection.link(), out, connection.environment(), stderr);
                status = program.run(arguments);
            } catch (RuntimeException | StackOverflowError e) {
                failure = e;
            }
        }

        void throwIfFailed() throws IOException {
            String output = program == null ? "" : program.recentStderr();
            if (program != null && program.outputFailure() != null) {
                IOException outputFailure = program.outputFailure();
                outputFailure.addSuppressed(exited(output, null));
                throw outputFailure;
            }
            if (failure != null) {
                throw new PgDumpException(
                        "pg_dump failed: " + failure + (output.isEmpty() ? "" : "\n" + output), -1, failure);
            }
            if (status != 0) {
                throw exited(output, program.linkFailure());
            }
        }

        private PgDumpException exited(String output, Throwable cause) {
            String message = output.isEmpty() ? "pg_dump failed" : output;
            return new PgDumpException(message + " (exit status " + status + ")", status, cause);
        }
    }
}
