package dev.orez.cli.db;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the lifecycle hooks are told about the running orez, as environment variables.
 *
 * @param upstreamUrl the application database ({@code postgres}) through orez's proxy
 * @param cvrUrl zero-cache's {@code zero_cvr} database
 * @param cdbUrl zero-cache's {@code zero_cdb} database
 * @param pgPort the proxy's port
 * @param zeroPort zero-cache's port
 */
public record HookEnvironment(String upstreamUrl, String cvrUrl, String cdbUrl, int pgPort, int zeroPort) {
    public HookEnvironment {
        Objects.requireNonNull(upstreamUrl, "upstreamUrl");
        Objects.requireNonNull(cvrUrl, "cvrUrl");
        Objects.requireNonNull(cdbUrl, "cdbUrl");
    }

    /**
     * For {@code --on-db-ready}: the three database URLs under zero-cache's names, {@code DATABASE_URL} (the
     * upstream, what most tools read) and both ports. The original passed no {@code OREZ_ZERO_PORT} here,
     * though its README promised it; it is passed, as documented.
     */
    public Map<String, String> forDbReady() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("DATABASE_URL", upstreamUrl);
        variables.put("ZERO_UPSTREAM_DB", upstreamUrl);
        variables.put("ZERO_CVR_DB", cvrUrl);
        variables.put("ZERO_CHANGE_DB", cdbUrl);
        variables.put("OREZ_PG_PORT", Integer.toString(pgPort));
        variables.put("OREZ_ZERO_PORT", Integer.toString(zeroPort));
        return variables;
    }

    /** For {@code --on-healthy}: {@code DATABASE_URL} and both ports. */
    public Map<String, String> forHealthy() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("DATABASE_URL", upstreamUrl);
        variables.put("OREZ_PG_PORT", Integer.toString(pgPort));
        variables.put("OREZ_ZERO_PORT", Integer.toString(zeroPort));
        return variables;
    }
}
