package dev.orez.cli.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** S3's ETag formats. Clients compare them verbatim, including the surrounding double quotes. */
final class ETags {
    private ETags() {}

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has MD5", e);
        }
    }

    /** A single-part object's ETag: the hex MD5 of its body. */
    static String of(byte[] md5) {
        return '"' + HexFormat.of().formatHex(md5) + '"';
    }

    /** A multipart object's ETag: the MD5 of the concatenated binary part MD5s, a dash and the part count. */
    static String multipart(List<byte[]> partMd5s) {
        MessageDigest digest = md5();
        partMd5s.forEach(digest::update);
        return '"' + HexFormat.of().formatHex(digest.digest()) + "-" + partMd5s.size() + '"';
    }

    static String ofFile(Path file) throws IOException {
        MessageDigest digest = md5();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return of(digest.digest());
    }

    /** Clients send part ETags with or without quotes; compare the bare hex. */
    static String unquoted(String etag) {
        String trimmed = etag.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1)
                : trimmed;
    }
}
