package dev.orez.replication;

/** The server side of one replication connection: it receives every frontend message the client sends. */
public interface WalSender {
    /**
     * One whole frontend message: {@code type} is its tag byte ('Q' for a replication command or SQL, 'd'
     * for CopyData such as standby status updates, 'c' CopyDone, ...), {@code body} what follows the length.
     * Called on a network thread in arrival order; must not block.
     */
    void onMessage(byte type, byte[] body);

    /** The client is gone. Called once, after the last message. */
    void onClose();
}
