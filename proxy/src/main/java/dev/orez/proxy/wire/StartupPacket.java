package dev.orez.proxy.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message of the untyped startup phase: a StartupMessage, or one of the requests that share its framing
 * (SSLRequest, GSSENCRequest, CancelRequest), told apart by the code in place of the protocol version.
 */
public record StartupPacket(int code, byte[] body) {
    public static final int PROTOCOL_3 = 196608;
    public static final int CANCEL_REQUEST = 80877102;
    public static final int SSL_REQUEST = 80877103;
    public static final int GSSENC_REQUEST = 80877104;

    /** The StartupMessage's name/value pairs, in the order sent. */
    public Map<String, String> parameters() {
        MessageBody reader = new MessageBody(body);
        Map<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            String name = reader.cString();
            if (name.isEmpty()) {
                return parameters;
            }
            parameters.put(name, reader.cString());
        }
    }

    /** The whole packet as sent: int32 length, code, body. */
    public byte[] encode() {
        return java.nio.ByteBuffer.allocate(8 + body.length)
                .putInt(8 + body.length)
                .putInt(code)
                .put(body)
                .array();
    }
}
