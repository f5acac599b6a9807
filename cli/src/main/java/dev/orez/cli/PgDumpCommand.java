package dev.orez.cli;

import dev.orez.cli.db.StartupStepException;
import dev.orez.cli.dump.ApplicationDump;
import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.pglite.PgDumpException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orez pg_dump}: the application database as plain SQL, made by the real pg_dump (PostgreSQL 18). */
@Command(
        name = "pg_dump",
        mixinStandardHelpOptions = true,
        versionProvider = OrezVersion.class,
        sortOptions = false,
        description = {
            "Dumps the application database as plain SQL with the real pg_dump (run in the JVM), to stdout or a file.",
            "Goes through the running orez on DATA_DIR if there is one, else opens the database itself.",
            "Options after -- go to pg_dump, e.g. orez pg_dump -- --table=note --no-owner"
        })
final class PgDumpCommand implements Callable<Integer> {
    private static final Log LOG = Log.of(Component.DUMP);

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory. Default: ${DEFAULT-VALUE}")
    Path dataDir = Path.of(".orez");

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the dump here (replaced only once complete). Default: stdout")
    Path output;

    @Option(
            names = {"-s", "--schema-only"},
            description = "Only the schema, no data.")
    boolean schemaOnly;

    @Option(
            names = {"-a", "--data-only"},
            description = "Only the data, no schema.")
    boolean dataOnly;

    @Option(
            names = "--pg-user",
            paramLabel = "USER",
            description = "User of the running orez, if one serves DATA_DIR. Default: ${DEFAULT-VALUE}")
    String pgUser = "user";

    @Option(names = "--pg-password", paramLabel = "PASSWORD", description = "Its password. Default: ${DEFAULT-VALUE}")
    String pgPassword = "password";

    @Parameters(paramLabel = "PG_DUMP_OPTION", description = "More pg_dump options (after --).")
    List<String> pgDumpOptions = new ArrayList<>();

    @Override
    public Integer call() {
        if (output == null) {
            Log.setOutput(System.err, Log.colored()); // stdout is the dump
        }
        Path database = dataDir.resolve("pgdata-postgres");
        if (!Files.isDirectory(database)) {
            LOG.error("no database found at " + database.toAbsolutePath());
            return 1;
        }
        long started = System.nanoTime();
        try {
            if (output == null) {
                dump(new KeepOpen(System.out));
                return 0;
            }
            Path partial = output.resolveSibling(output.getFileName() + ".partial");
            try {
                try (OutputStream file = Files.newOutputStream(partial)) {
                    dump(file);
                }
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            LOG.info(String.format(
                    Locale.ROOT,
                    "dump written to %s (%.1f MB in %.1f s)",
                    output,
                    Files.size(output) / 1e6,
                    (System.nanoTime() - started) / 1e9));
            return 0;
        } catch (PgDumpException | StartupStepException e) {
            LOG.error(e.getMessage());
        } catch (IOException | SQLException e) {
            LOG.error("pg_dump failed: " + e.getMessage());
        }
        return 1;
    }

    private void dump(OutputStream out) throws IOException, SQLException {
        List<String> options = new ArrayList<>();
        if (schemaOnly) {
            options.add("--schema-only");
        }
        if (dataOnly) {
            options.add("--data-only");
        }
        options.addAll(pgDumpOptions);
        try (BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16)) {
            new ApplicationDump(dataDir, pgUser, pgPassword).writeTo(options, buffered);
        }
    }

    /** stdout is flushed, never closed: the JVM still prints to it. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
