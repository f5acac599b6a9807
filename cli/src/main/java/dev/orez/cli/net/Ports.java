package dev.orez.cli.net;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds free ports on the loopback interface the way the original orez does: try the preferred port, then the
 * next, up to 20 further ports. A port is probed by binding and releasing it, so a small race remains until the
 * real server binds.
 */
public final class Ports {
    static final int MAX_ATTEMPTS = 21;

    private Ports() {}

    /**
     * The first port from {@code preferred} whose block of {@code blockSize} consecutive ports is free; 0 means any
     * free block the system offers.
     */
    public static int findFreeBlock(int preferred, int blockSize) throws IOException {
        if (preferred == 0) {
            return anyFreeBlock(blockSize);
        }
        for (int port = preferred; port < preferred + MAX_ATTEMPTS && port + blockSize - 1 <= 65535; port++) {
            if (blockIsFree(port, blockSize)) {
                return port;
            }
        }
        throw new BindException("no free port in " + preferred + "-" + (preferred + MAX_ATTEMPTS - 1)
                + (blockSize > 1 ? " with the " + (blockSize - 1) + " ports after it also free" : ""));
    }

    public static int findFree(int preferred) throws IOException {
        return findFreeBlock(preferred, 1);
    }

    private static int anyFreeBlock(int blockSize) throws IOException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            if (port + blockSize - 1 <= 65535 && blockIsFree(port, blockSize)) {
                return port;
            }
        }
        throw new BindException("the system offered no free block of " + blockSize + " ports");
    }

    private static boolean blockIsFree(int first, int blockSize) {
        for (int port = first; port < first + blockSize; port++) {
            if (!isFree(port)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Without SO_REUSEADDR, like the servers that will bind it: a port in TIME_WAIT counts as taken.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
