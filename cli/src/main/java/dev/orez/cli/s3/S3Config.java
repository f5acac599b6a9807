package dev.orez.cli.s3;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the local S3 server keeps its files and which port it listens on.
 *
 * @param dataDir orez's data directory; objects live under {@code <dataDir>/s3}
 * @param port the TCP port on 127.0.0.1, or 0 for any free port (see {@link S3Server#port()})
 */
public record S3Config(Path dataDir, int port) {
    /** orez's default S3 port. */
    public static final int DEFAULT_PORT = 9200;

    public S3Config {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The default port, storing under {@code dataDir}. */
    public static S3Config of(Path dataDir) {
        return new S3Config(dataDir, DEFAULT_PORT);
    }

    /** The directory the buckets live in: {@code <dataDir>/s3}, as in the original orez. */
    public Path storageRoot() {
        return dataDir.resolve("s3");
    }
}
