package dev.orez.replication.wire;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A statement replication runs often, kept prepared in the engine's session: planning a query costs PGlite
 * several milliseconds, more than running it. The first execution (and the first after the session lost
 * it, SQLSTATE 26000) sends Parse; later ones only Bind, Execute and Sync, with text parameters.
 */
public final class PreparedQuery {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final String name = "_orez_replication_" + NAMES.incrementAndGet();
    private final String sql;
    private volatile boolean parsed;

    public PreparedQuery(String sql) {
        this.sql = sql;
    }

    /** The frontend messages that run the statement with these parameters (NULL for a null). */
    public byte[] execute(String... parameters) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!parsed) {
            out.writeBytes(Messages.parse(name, sql));
        }
        out.writeBytes(Messages.bind(name, parameters));
        out.writeBytes(Messages.execute());
        out.writeBytes(Messages.sync());
        return out.toByteArray();
    }

    /** Reads the answer to {@link #execute}; a lost statement is parsed again next time. */
    public QueryResult result(byte[] answer) {
        try {
            QueryResult result = QueryResult.of(answer);
            parsed = true;
            return result;
        } catch (SqlFailure failure) {
            if (failure.sqlState().equals("26000")) {
                parsed = false;
            }
            throw failure;
        }
    }
}
