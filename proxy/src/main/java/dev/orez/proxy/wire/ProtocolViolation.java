package dev.orez.proxy.wire;

/** A client sent bytes that are not the protocol: answered with FATAL 08P01 and the connection closed. */
public final class ProtocolViolation extends RuntimeException {
    public ProtocolViolation(String message) {
        super(message);
    }

    /** The violation behind {@code cause}, thrown by a handler or wrapped by a decoder; null when it is none. */
    public static ProtocolViolation in(Throwable cause) {
        if (cause instanceof ProtocolViolation violation) {
            return violation;
        }
        return cause.getCause() instanceof ProtocolViolation violation ? violation : null;
    }
}
