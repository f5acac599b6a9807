package dev.orez.cli.dump;

import dev.orez.cli.db.OrezDataDir;
import dev.orez.cli.db.RunningOrez;
import dev.orez.cli.db.SqlSession;
import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.cli.net.PostgresUrl;
import dev.orez.pglite.PGlite;
import dev.orez.pglite.PGliteOptions;
import dev.orez.pglite.PgDump;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pg_dump of orez's application database ({@code postgres}) in a data directory: through the proxy of the orez
 * serving that directory, or, when none does, in-process on the directory claimed for the dump (two engines on one
 * directory would corrupt it, so a starting orez is refused meanwhile).
 */
public final class ApplicationDump {
    private static final Log LOG = Log.of(Component.DUMP);
    private static final String DATABASE = "postgres";

    private final Path dataDir;
    private final String user;
    private final String password;

    /** @param user and {@code password}: what a running orez accepts (its {@code --pg-user}/{@code --pg-password}) */
    public ApplicationDump(Path dataDir, String user, String password) {
        this.dataDir = dataDir;
        this.user = user;
        this.password = password;
    }

    /**
     * Writes the dump, byte for byte as pg_dump made it apart from what {@link PortableDump} leaves out, to {@code
     * out}, which stays open.
     *
     * @throws dev.orez.pglite.PgDumpException when pg_dump fails, with its message
     */
    public void writeTo(List<String> userOptions, OutputStream out) throws IOException, SQLException {
        PortableDump portable = new PortableDump(out);
        Optional<RunningOrez> running = RunningOrez.on(dataDir);
        if (running.isPresent()) {
            dumpThrough(running.get(), userOptions, portable);
        } else {
            dumpDirectly(userOptions, portable);
        }
        portable.finish();
    }

    private void dumpThrough(RunningOrez orez, List<String> userOptions, OutputStream out)
            throws IOException, SQLException {
        LOG.info("orez (pid " + orez.pid() + ") is serving " + dataDir + ": dumping through its port " + orez.pgPort());
        List<String> unused;
        String url = PostgresUrl.jdbc(orez.pgPort(), DATABASE);
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(DumpArguments.UNUSED_DEFAULT_EXTENSIONS_SQL)) {
            unused = new ArrayList<>();
            while (rows.next()) {
                unused.add(rows.getString(1));
            }
        }
        PgDump.overTcp("127.0.0.1", orez.pgPort(), user, password, DATABASE)
                .withStderr(LOG::warn)
                .dump(DumpArguments.of(userOptions, unused), out);
    }

    private void dumpDirectly(List<String> userOptions, OutputStream out) throws IOException {
        try (OrezDataDir claimed = OrezDataDir.claim(dataDir);
                PGlite engine = PGlite.open(
                        claimed.postgresData(),
                        PGliteOptions.defaults().withName(DATABASE).withLog(LOG::debug))) {
            List<String> unused =
                    SqlSession.open(engine).query(DumpArguments.UNUSED_DEFAULT_EXTENSIONS_SQL).rows().stream()
                            .map(row -> row.get(0))
                            .toList();
            PgDump.inProcess(engine, DATABASE).withStderr(LOG::warn).dump(DumpArguments.of(userOptions, unused), out);
        }
    }
}
