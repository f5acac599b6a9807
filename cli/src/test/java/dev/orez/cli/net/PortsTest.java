package dev.orez.cli.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {
    private static ServerSocket listen(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }

    @Test
    void aFreePreferredPortIsKept() throws IOException {
        int free;
        try (ServerSocket probe = listen(0)) {
            free = probe.getLocalPort();
        }
        assertEquals(free, Ports.findFree(free));
    }

    @Test
    void aTakenPortMovesToTheNextFreeOne() throws IOException {
        try (ServerSocket taken = listen(0)) {
            int port = Ports.findFree(taken.getLocalPort());
            assertTrue(port > taken.getLocalPort() && port < taken.getLocalPort() + Ports.MAX_ATTEMPTS, "" + port);
        }
    }

    @Test
    void aBlockMovesWhenAnyOfItsPortsIsTaken() throws IOException {
        int first = Ports.findFreeBlock(0, 3);
        try (ServerSocket second = listen(first + 1)) {
            int moved = Ports.findFreeBlock(first, 3);
            assertTrue(moved > first + 1, "the block must not include the taken port: " + moved);
        }
    }

    @Test
    void zeroMeansAnyFreePort() throws IOException {
        int port = Ports.findFree(0);
        assertNotEquals(0, port);
        try (ServerSocket bound = listen(port)) {
            assertEquals(port, bound.getLocalPort());
        }
    }

    @Test
    void twentyOneTakenPortsInARowAreAClearError() throws IOException {
        int first = Ports.findFreeBlock(0, Ports.MAX_ATTEMPTS);
        List<ServerSocket> taken = new ArrayList<>();
        try {
            for (int i = 0; i < Ports.MAX_ATTEMPTS; i++) {
                taken.add(listen(first + i));
            }
            BindException error = assertThrows(BindException.class, () -> Ports.findFree(first));
            assertTrue(error.getMessage().contains("no free port in " + first), error.getMessage());
        } finally {
            for (ServerSocket socket : taken) {
                socket.close();
            }
        }
    }
}
