package dev.orez.wasm.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * An npm {@code integrity} value ({@code sha512-<base64 digest>}, as in package-lock.json). Only sha512 is accepted:
 * the registry publishes it for every tarball, and a weaker algorithm would weaken the pin.
 */
public record Integrity(String value) {
    private static final String PREFIX = "sha512-";
    private static final int SHA512_BYTES = 64;

    public Integrity {
        if (digestOf(value).length != SHA512_BYTES) {
            throw new IllegalArgumentException("a sha512 integrity holds " + SHA512_BYTES + " bytes: " + value);
        }
    }

    /** Whether the file's SHA-512 equals this integrity; the file is streamed, never held in memory. */
    boolean matches(Path file) throws IOException {
        MessageDigest sha512 = newSha512();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                sha512.update(buffer, 0, n);
            }
        }
        return MessageDigest.isEqual(digestOf(value), sha512.digest());
    }

    private static byte[] digestOf(String value) {
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("integrity must start with " + PREFIX + ": " + value);
        }
        try {
            return Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("integrity is not valid base64: " + value, e);
        }
    }

    private static MessageDigest newSha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-512", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
