package dev.orez.cli.s3;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything S3 returns about an object besides its bytes and modification time, as kept in the object's
 * sidecar file (a {@link Properties} file, readable by hand).
 *
 * @param etag the quoted ETag: the MD5 of the body, or S3's {@code "<md5 of part md5s>-<parts>"} for an
 *     object assembled from a multipart upload
 * @param size the body length the sidecar was written for; a different length on disk means the object file
 *     was replaced without this server (or a crash separated the two), and the sidecar is ignored
 * @param headers what the client stored with the object
 */
record ObjectMetadata(String etag, long size, ObjectHeaders headers) {
    private static final String ETAG = "etag";
    private static final String SIZE = "size";

    static Optional<ObjectMetadata> read(Path sidecar) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(sidecar, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String etag = properties.getProperty(ETAG);
        String size = properties.getProperty(SIZE);
        if (etag == null || size == null) {
            return Optional.empty();
        }
        return Optional.of(new ObjectMetadata(etag, Long.parseLong(size), ObjectHeaders.readFrom(properties)));
    }

    void write(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(ETAG, etag);
        properties.setProperty(SIZE, Long.toString(size));
        headers.writeTo(properties);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, null);
        }
    }
}
