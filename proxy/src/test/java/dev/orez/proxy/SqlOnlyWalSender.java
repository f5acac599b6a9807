package dev.orez.proxy;

import dev.orez.proxy.wire.Frame;
import dev.orez.replication.ReplicationClient;
import dev.orez.replication.WalSender;

/**
 * The smallest walsender: it answers every Query by running it as SQL on the application database, as a
 * walsender does for plain SQL. Enough to prove the proxy's hand-off; the replication module brings the real one.
 */
final class SqlOnlyWalSender implements WalSender {
    private final ReplicationClient client;

    SqlOnlyWalSender(ReplicationClient client) {
        this.client = client;
    }

    @Override
    public void onMessage(byte type, byte[] body) {
        if (type == 'Q') {
            client.execute(new Frame(type, body).encode()).thenAccept(client::send);
        }
    }

    @Override
    public void onClose() {}
}
