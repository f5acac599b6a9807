package dev.orez.pglite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** pg_dump connected to a Postgres wire server (orez's proxy, or any server) over TCP. */
final class SocketLink implements ServerLink {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private SocketLink(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static SocketLink connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setTcpNoDelay(true); // libpq already sends whole batches; Nagle would only delay them
            return new SocketLink(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The numeric address connected to, which libpq can parse without a resolver. */
    String address() {
        return socket.getInetAddress().getHostAddress();
    }

    @Override
    public int readAvailable(byte[] buffer, int max) throws IOException {
        int ready = in.available();
        return ready <= 0 ? 0 : Math.max(0, in.read(buffer, 0, Math.min(ready, max)));
    }

    @Override
    public int readWaiting(byte[] buffer, int max) throws IOException {
        return Math.max(0, in.read(buffer, 0, max));
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    @Override
    public void shutdown() {
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
