package dev.orez.cli.db;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.pglite.SessionEndedException;
import dev.orez.replication.wire.SqlFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the extensions every orez application database has: plpgsql (change tracking's triggers need it),
 * pgvector and pg_trgm. The original only made the last two available and left {@code CREATE EXTENSION} to
 * the app's migrations; creating them up front means migrations written against a hosted Postgres with these
 * installed work unchanged, and {@code IF NOT EXISTS} keeps migrations that do create them working too.
 */
public final class DefaultExtensions {
    /** In creation order. */
    public static final List<String> NAMES = List.of("plpgsql", "vector", "pg_trgm");

    private static final Log LOG = Log.of(Component.PG);

    private DefaultExtensions() {}

    /**
     * Creates each extension that is missing. One that cannot be loaded is reported as a warning and
     * skipped: an app that never uses it must still get a working database.
     *
     * @return the extensions that are now installed
     */
    public static List<String> install(SqlSession db) {
        List<String> installed = new ArrayList<>();
        for (String name : NAMES) {
            try {
                db.query("CREATE EXTENSION IF NOT EXISTS " + name);
                installed.add(name);
            } catch (SqlFailure e) {
                LOG.warn("extension " + name + " is not available: " + e.getMessage() + " (SQLSTATE " + e.sqlState()
                        + ")");
            } catch (SessionEndedException e) {
                // loading its library crashed the session; the engine has started a new one, so carry on
                LOG.warn("extension " + name + " could not be loaded: " + e.getMessage());
            }
        }
        return installed;
    }
}
