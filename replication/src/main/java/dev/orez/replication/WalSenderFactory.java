package dev.orez.replication;

import java.util.Set;

/**
 * Where the proxy hands a connection that asked for {@code replication=database}, once it has authenticated
 * and been told the server is ready. One call per connection.
 */
@FunctionalInterface
public interface WalSenderFactory {
    WalSender open(ReplicationClient client);

    /**
     * NOTIFY channels of the application database that belong to replication: the proxy LISTENs on them in
     * the engine's session, keeps their notifications from clients, and passes them to {@link #notified}.
     */
    default Set<String> channels() {
        return Set.of();
    }

    /** A notification on one of {@link #channels()}, delivered when the transaction that sent it committed. */
    default void notified(String channel, String payload) {}
}
