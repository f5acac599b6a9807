package dev.orez.replication;

/**
 * Where the proxy hands a connection that asked for {@code replication=database}, once it has authenticated
 * and been told the server is ready. One call per connection.
 */
@FunctionalInterface
public interface WalSenderFactory {
    WalSender open(ReplicationClient client);
}
