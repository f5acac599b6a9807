package dev.orez.cli.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP written by hand, for requests no well-behaved client sends: request targets with {@code ..} or NUL
 * exactly as given, bodies cut off mid-way. Each request asks for the connection to close after the answer.
 */
final class RawHttp {
    record Response(int status, String text) {}

    private RawHttp() {}

    static Response exchange(int port, String method, String target, byte[] body, String... headers)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(method, target, body.length, headers));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            return new Response(Integer.parseInt(text.substring(9, 12)), text);
        }
    }

    /** The request line and headers, with Host, Content-Length and Connection: close added. */
    static byte[] head(String method, String target, long contentLength, String... headers) {
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: ")
                .append(contentLength)
                .append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
