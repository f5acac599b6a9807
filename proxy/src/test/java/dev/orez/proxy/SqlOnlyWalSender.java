package dev.orez.proxy;

import dev.orez.replication.ReplicationClient;
import dev.orez.replication.WalSender;
import java.nio.ByteBuffer;

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
            byte[] query = ByteBuffer.allocate(5 + body.length)
                    .put(type)
                    .putInt(body.length + 4)
                    .put(body)
                    .array();
            client.execute(query).thenAccept(client::send);
        }
    }

    @Override
    public void onClose() {}
}
