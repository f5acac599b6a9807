package dev.orez;

import dev.orez.cli.net.PostgresUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * zero-cache's own records of the upstream database: the change log ({@code <app>/cdc} schemas in
 * {@code zero_cdb}) and the client view records ({@code <app>/cvr} schemas in {@code zero_cvr}). After the
 * application database is replaced they describe data that is gone, so a resync drops them and zero-cache starts
 * over. They are dropped through orez's own proxy, which serializes them with any other client of those databases.
 */
final class ZeroCacheRecords {
    private final Orez orez;

    ZeroCacheRecords(Orez orez) {
        this.orez = orez;
    }

    void drop() throws SQLException {
        dropSchemasEndingWith(Orez.CDB_DATABASE, "/cdc");
        dropSchemasEndingWith(Orez.CVR_DATABASE, "/cvr");
    }

    private void dropSchemasEndingWith(String database, String suffix) throws SQLException {
        OrezConfig config = orez.config();
        String url = PostgresUrl.jdbc(orez.pgPort(), database);
        try (Connection connection = DriverManager.getConnection(url, config.pgUser(), config.pgPassword());
                Statement statement = connection.createStatement()) {
            List<String> schemas = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("SELECT nspname FROM pg_namespace WHERE right(nspname, "
                    + suffix.length() + ") = '" + suffix + "'")) {
                while (names.next()) {
                    schemas.add(names.getString(1));
                }
            }
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA \"" + schema.replace("\"", "\"\"") + "\" CASCADE");
            }
        }
    }
}
