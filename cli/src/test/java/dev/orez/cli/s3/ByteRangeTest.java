package dev.orez.cli.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void readsTheThreeSingleRangeForms() throws Exception {
        assertEquals(new ByteRange(2, 5), ByteRange.parse("bytes=2-5", 10));
        assertEquals(new ByteRange(7, 9), ByteRange.parse("bytes=7-", 10));
        assertEquals(new ByteRange(7, 9), ByteRange.parse("bytes=-3", 10));
    }

    @Test
    void clampsRangesReachingPastTheEnd() throws Exception {
        assertEquals(new ByteRange(8, 9), ByteRange.parse("bytes=8-1000", 10));
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=-1000", 10));
    }

    @Test
    void ignoresWhatS3Ignores() throws Exception {
        assertNull(ByteRange.parse(null, 10));
        assertNull(ByteRange.parse("bytes=0-1,4-5", 10));
        assertNull(ByteRange.parse("items=0-1", 10));
        assertNull(ByteRange.parse("bytes=5-2", 10));
        assertNull(ByteRange.parse("bytes=x-y", 10));
    }

    @Test
    void rangesStartingAtOrPastTheEndAreUnsatisfiable() {
        assertEquals(
                S3Error.INVALID_RANGE,
                assertThrows(S3ErrorException.class, () -> ByteRange.parse("bytes=10-", 10))
                        .error());
        assertThrows(S3ErrorException.class, () -> ByteRange.parse("bytes=0-", 0));
        assertThrows(S3ErrorException.class, () -> ByteRange.parse("bytes=-0", 10));
    }
}
