package dev.orez.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.proxy.wire.Frame;
import dev.orez.proxy.wire.MessageBody;
import dev.orez.proxy.wire.StartupPacket;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * Bytes no client should send get a FATAL 08P01 and a closed connection; encryption requests get 'N';
 * nothing a client sends stops the proxy serving everyone else.
 */
class HostileInputTest {
    private static Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", Engines.proxy().port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] startupMessage() {
        byte[] parameters = new MessageBody.Builder()
                .cString("user")
                .cString(Engines.USER)
                .cString("database")
                .cString("postgres")
                .byteValue(0)
                .build();
        return new StartupPacket(StartupPacket.PROTOCOL_3, parameters).encode();
    }

    /** Logs in on a raw socket and reads up to the first ReadyForQuery. */
    private static Socket loggedIn() throws IOException {
        Socket socket = open();
        OutputStream out = socket.getOutputStream();
        out.write(startupMessage());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertEquals('R', in.readByte());
        in.skipNBytes(in.readInt() - 4);
        out.write(Frame.of(
                        'p', new MessageBody.Builder().cString(Engines.PASSWORD).build())
                .encode());
        while (readMessage(in).type != 'Z') {
            // AuthenticationOk, ParameterStatus, BackendKeyData
        }
        return socket;
    }

    private record Message(char type, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static Message readMessage(DataInputStream in) throws IOException {
        char type = (char) in.readByte();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        return new Message(type, body);
    }

    /** The FATAL the proxy sends before it closes, and that it did close. */
    private static String fatalThenClosed(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        Message error = readMessage(in);
        assertEquals('E', error.type, error.text());
        try {
            int next = in.read();
            assertEquals(-1, next, "the connection should be closed");
        } catch (EOFException | java.net.SocketException closed) {
            // closed: as expected
        }
        return error.text();
    }

    private static void othersStillServed() throws Exception {
        try (Connection connection = Engines.connect();
                ResultSet rows = connection.createStatement().executeQuery("SELECT 'still serving'")) {
            rows.next();
            assertEquals("still serving", rows.getString(1));
        }
    }

    @Test
    void encryptionRequestsAreAnsweredN() throws Exception {
        for (int code : new int[] {StartupPacket.SSL_REQUEST, StartupPacket.GSSENC_REQUEST}) {
            try (Socket socket = open()) {
                socket.getOutputStream().write(new StartupPacket(code, new byte[0]).encode());
                assertEquals('N', socket.getInputStream().read());
            }
        }
    }

    @Test
    void aStartupPacketWithAnImpossibleLengthIsRefused() throws Exception {
        try (Socket socket = open()) {
            socket.getOutputStream().write(new byte[] {0x7f, 0, 0, 0, 0, 3, 0, 0});
            assertTrue(fatalThenClosed(socket).contains("08P01"));
        }
        othersStillServed();
    }

    @Test
    void aMessageWithANegativeLengthIsRefused() throws Exception {
        try (Socket socket = loggedIn()) {
            socket.getOutputStream().write(new byte[] {'Q', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0});
            assertTrue(fatalThenClosed(socket).contains("invalid message length"));
        }
        othersStillServed();
    }

    @Test
    void anUnknownMessageTypeIsRefused() throws Exception {
        try (Socket socket = loggedIn()) {
            socket.getOutputStream().write(Frame.of('?', new byte[] {1, 2, 3}).encode());
            assertTrue(fatalThenClosed(socket).contains("invalid frontend message type"));
        }
        othersStillServed();
    }

    @Test
    void aParseWithoutItsTerminatorsIsRefused() throws Exception {
        try (Socket socket = loggedIn()) {
            socket.getOutputStream()
                    .write(Frame.of('P', "no terminator".getBytes(StandardCharsets.UTF_8))
                            .encode());
            assertTrue(fatalThenClosed(socket).contains("invalid string in message"));
        }
        othersStillServed();
    }

    @Test
    void aClientThatVanishesMidMessageLeavesNothingHeld() throws Exception {
        try (Socket socket = loggedIn()) {
            socket.getOutputStream().write(new byte[] {'Q', 0, 0, 1, 0, 'S', 'E', 'L'}); // promises 256 bytes
        }
        othersStillServed();
    }
}
