package dev.orez.replication.pgoutput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orez.replication.pgoutput.WalFrames.StandbyStatus;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WalFramesTest {
    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** A standby status update body built by hand from the documented layout. */
    private static byte[] statusBody(long written, long flushed, long applied, long clientTime, int reply) {
        return ByteBuffer.allocate(34)
                .put((byte) 'r')
                .putLong(written)
                .putLong(flushed)
                .putLong(applied)
                .putLong(clientTime)
                .put((byte) reply)
                .array();
    }

    @Test
    void keepaliveFrameIsByteExact() {
        byte[] frame = WalFrames.primaryKeepalive(0x0102030405060708L, 0x1112131415161718L, true);

        assertEquals(1 + 4 + 18, frame.length);
        assertArrayEquals(hex("64 00000016 6b 0102030405060708 1112131415161718 01"), frame);
    }

    @Test
    void keepaliveWithoutReplyRequest() {
        byte[] frame = WalFrames.primaryKeepalive(1L, 2L, false);

        assertEquals(0, frame[frame.length - 1]);
    }

    @Test
    void xLogDataHeaderIsByteExact() {
        byte[] payload = PgOutput.begin(5L, 6L, 7);
        byte[] frame = WalFrames.xLogData(0x0102030405060708L, 0x1112131415161718L, 0x2122232425262728L, payload);

        assertEquals(1 + 4 + 25 + payload.length, frame.length);
        assertArrayEquals(
                hex("64 00000032 77 0102030405060708 1112131415161718 2122232425262728"),
                Arrays.copyOf(frame, 1 + 4 + 25));
        assertArrayEquals(payload, Arrays.copyOfRange(frame, 1 + 4 + 25, frame.length));
    }

    @Test
    void xLogDataDecodes() {
        byte[] payload = {1, 2, 3};
        WireReader in = new WireReader(WalFrames.xLogData(-1L, Long.MAX_VALUE, 42L, payload));

        assertEquals('d', in.byte1());
        assertEquals(4 + 25 + 3, in.int32());
        assertEquals('w', in.byte1());
        assertEquals(-1L, in.int64());
        assertEquals(Long.MAX_VALUE, in.int64());
        assertEquals(42L, in.int64());
        assertArrayEquals(payload, in.bytes(3));
        in.assertEnd();
    }

    @Test
    void standbyStatusParsesEveryField() {
        byte[] body = statusBody(0x0102030405060708L, 0x0102030405060700L, 0x0102030405060600L, -5L, 1);

        assertEquals(
                Optional.of(
                        new StandbyStatus(0x0102030405060708L, 0x0102030405060700L, 0x0102030405060600L, -5L, true)),
                WalFrames.standbyStatus(body));
    }

    @Test
    void standbyStatusWithUnknownPositions() {
        assertEquals(
                Optional.of(new StandbyStatus(0, 0, 0, 0, false)), WalFrames.standbyStatus(statusBody(0, 0, 0, 0, 0)));
    }

    @Test
    void standbyStatusIgnoresTrailingBytes() {
        byte[] body = Arrays.copyOf(statusBody(1, 2, 3, 4, 1), 40);

        assertEquals(Optional.of(new StandbyStatus(1, 2, 3, 4, true)), WalFrames.standbyStatus(body));
    }

    @Test
    void standbyStatusIsEmptyForShortBodies() {
        byte[] body = statusBody(1, 2, 3, 4, 1);
        for (int length = 0; length < body.length; length++) {
            assertEquals(Optional.empty(), WalFrames.standbyStatus(Arrays.copyOf(body, length)), "length " + length);
        }
    }

    @Test
    void standbyStatusIsEmptyForOtherMessages() {
        byte[] hotStandbyFeedback = ByteBuffer.allocate(34)
                .put((byte) 'h')
                .putLong(1)
                .putInt(2)
                .putInt(3)
                .putInt(4)
                .putInt(5)
                .array();

        assertEquals(Optional.empty(), WalFrames.standbyStatus(hotStandbyFeedback));
    }

    @Test
    void postgresMicrosCountsFrom2000() {
        assertEquals(0L, WalFrames.postgresMicros(Instant.parse("2000-01-01T00:00:00Z")));
        assertEquals(86_400_000_000L, WalFrames.postgresMicros(Instant.parse("2000-01-02T00:00:00Z")));
        assertEquals(-946_684_800_000_000L, WalFrames.postgresMicros(Instant.EPOCH));
        assertEquals(1_234_567L, WalFrames.postgresMicros(Instant.parse("2000-01-01T00:00:01.234567891Z")));
        assertEquals(-1L, WalFrames.postgresMicros(Instant.parse("1999-12-31T23:59:59.999999500Z")));
    }
}
