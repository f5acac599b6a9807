package dev.orez.proxy.wire;

/** A client sent bytes that are not the protocol: answered with FATAL 08P01 and the connection closed. */
public final class ProtocolViolation extends RuntimeException {
    public ProtocolViolation(String message) {
        super(message);
    }
}
