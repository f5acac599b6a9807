package dev.orez.replication;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What a {@link WalSender} can do with its connection and with the application database. */
public interface ReplicationClient {
    /** The startup packet's parameters (user, database, replication, application_name, ...). */
    Map<String, String> startupParameters();

    /** The process id this connection was given in BackendKeyData (what pg_replication_slots shows). */
    int processId();

    /** Writes whole backend messages to the client; from any thread, in call order. */
    void send(byte[] backendMessages);

    /** Closes the connection after what was sent so far. */
    void close();

    /** The client's SQL as the proxy rewrites it for any other client (version(), wal_level, slots, ...). */
    String rewrite(String sql);

    /**
     * Runs whole frontend messages on the application database as this connection, serialized with every
     * other client (never inside another connection's transaction), and completes with the backend's answer.
     */
    CompletableFuture<byte[]> execute(byte[] frontendMessages);
}
