package dev.orez.replication.pgoutput;

import dev.orez.replication.wire.WireWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

/**
 * The CopyData framing of the streaming replication protocol once START_REPLICATION has switched the connection
 * to copy-both mode: XLogData and primary keepalive going to the client, standby status updates coming back.
 */
public final class WalFrames {
    /** 2000-01-01T00:00:00Z in Unix seconds. */
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;

    /** 'r' and four int64 fields: written, flushed, applied, client time; then the reply-requested int8. */
    private static final int STANDBY_STATUS_LENGTH = 1 + 4 * 8 + 1;

    private WalFrames() {}

    /**
     * What a standby reports about its progress. The LSNs tell the sender which WAL the client no longer needs;
     * zero means the client does not know.
     *
     * @param clientTime microseconds since 2000-01-01 UTC on the client's clock
     * @param replyRequested whether the client wants a keepalive back immediately
     */
    public record StandbyStatus(long written, long flushed, long applied, long clientTime, boolean replyRequested) {}

    /**
     * A whole backend CopyData message carrying WAL data, here one pgoutput message.
     *
     * @param walStart the LSN the payload starts at
     * @param walEnd the current end of WAL on the server
     * @param sendTime microseconds since 2000-01-01 UTC, see {@link #postgresMicros}
     */
    public static byte[] xLogData(long walStart, long walEnd, long sendTime, byte[] payload) {
        byte[] body = new WireWriter()
                .int8('w')
                .int64(walStart)
                .int64(walEnd)
                .int64(sendTime)
                .bytes(payload)
                .toByteArray();
        return copyData(body);
    }

    /**
     * A whole backend CopyData message telling the client the server is alive and how far WAL goes.
     *
     * @param replyRequested asks the client for a standby status update right away, which is how the sender learns
     *     the client's progress without waiting for its timer
     */
    public static byte[] primaryKeepalive(long walEnd, long sendTime, boolean replyRequested) {
        byte[] body = new WireWriter()
                .int8('k')
                .int64(walEnd)
                .int64(sendTime)
                .int8(replyRequested ? 1 : 0)
                .toByteArray();
        return copyData(body);
    }

    /**
     * Reads a standby status update from the body of a frontend CopyData message. Empty for any other message
     * (such as 'h', hot standby feedback) and for a body too short to hold one, so a misbehaving client cannot
     * throw on the network thread; trailing bytes are ignored, as PostgreSQL's walsender does.
     */
    public static Optional<StandbyStatus> standbyStatus(byte[] copyDataBody) {
        if (copyDataBody.length < STANDBY_STATUS_LENGTH || copyDataBody[0] != 'r') {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(copyDataBody, 1, STANDBY_STATUS_LENGTH - 1);
        return Optional.of(new StandbyStatus(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.get() != 0));
    }

    /**
     * PostgreSQL's timestamp representation: microseconds since 2000-01-01T00:00:00Z, negative before. Sub-microsecond
     * parts are rounded down, so the result never lies after the instant, before the epoch too.
     */
    public static long postgresMicros(Instant instant) {
        long seconds = Math.subtractExact(instant.getEpochSecond(), POSTGRES_EPOCH_SECOND);
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), instant.getNano() / 1_000);
    }

    private static byte[] copyData(byte[] body) {
        return new WireWriter().int8('d').int32(4 + body.length).bytes(body).toByteArray();
    }
}
