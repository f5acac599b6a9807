package dev.orez.cli.s3;

import io.netty.handler.codec.DateFormatter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/** The two time formats S3 uses: ISO 8601 with milliseconds in XML bodies, RFC 1123 in headers. */
final class Timestamps {
    private static final DateTimeFormatter XML =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    static String xml(Instant instant) {
        return XML.format(instant);
    }

    static String http(Instant instant) {
        return DateFormatter.format(Date.from(instant));
    }
}
