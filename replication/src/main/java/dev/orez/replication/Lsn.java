package dev.orez.replication;

/**
 * Log sequence numbers. orez has no WAL; a change's position is its watermark in {@code _orez.changes}, and
 * watermark w is at LSN {@code 0/1000000 + 256 w} (the same mapping as the SQL function {@code _orez.lsn}).
 * The watermark sequence is persistent, so LSNs never go backwards, across restarts too, and each watermark
 * leaves room for the end LSN of a transaction that ends there.
 */
public final class Lsn {
    private static final long BASE = 0x1000000L;
    private static final long STEP = 256;

    private Lsn() {}

    public static long ofWatermark(long watermark) {
        return BASE + watermark * STEP;
    }

    /** The last watermark whose changes lie at or before {@code lsn}. */
    public static long watermarkAt(long lsn) {
        return Long.compareUnsigned(lsn, BASE) <= 0 ? 0 : (lsn - BASE) / STEP;
    }

    /** Postgres's text form: upper-case hex of the high and low 32 bits, e.g. {@code 0/1A2B3C0}. */
    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
    }

    public static long parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 1 || slash == text.length() - 1) {
            throw new IllegalArgumentException("invalid LSN \"" + text + "\"");
        }
        try {
            long high = Long.parseLong(text.substring(0, slash), 16);
            long low = Long.parseLong(text.substring(slash + 1), 16);
            if (high > 0xFFFFFFFFL || low > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("invalid LSN \"" + text + "\"");
            }
            return high << 32 | low;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid LSN \"" + text + "\"", e);
        }
    }
}
