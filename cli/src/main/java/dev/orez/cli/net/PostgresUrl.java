package dev.orez.cli.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** {@code postgresql://user:password@127.0.0.1:port/database} URLs for orez's databases. */
public final class PostgresUrl {
    private PostgresUrl() {}

    /** User and password are percent-encoded, so any characters survive a URL parser. */
    public static String of(String user, String password, int port, String database) {
        return "postgresql://" + percentEncode(user) + ":" + percentEncode(password) + "@127.0.0.1:" + port + "/"
                + database;
    }

    /**
     * Percent-encodes everything but RFC 3986's unreserved characters, which is safe in the user-info part of a
     * URL. ({@link java.net.URLEncoder} is for HTML forms: it turns a space into {@code +}, which a URL parser
     * keeps as a plus.)
     */
    /** The JDBC URL of a database on this machine's loopback, where orez serves (credentials go separately). */
    public static String jdbc(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    static String percentEncode(String text) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                encoded.write(c);
            } else {
                encoded.write('%');
                encoded.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                encoded.write(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString(StandardCharsets.US_ASCII);
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
