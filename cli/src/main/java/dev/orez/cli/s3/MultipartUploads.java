package dev.orez.cli.s3;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multipart uploads in progress, each a directory {@code .orez/uploads/<uploadId>/} holding
 * {@code upload.properties} (bucket, key, stored headers) and one file per received part, named
 * {@code part-<number>-<md5 hex>} so a part's ETag needs no second file to stay consistent with its bytes.
 * Uploads survive restarts, as in S3, until completed or aborted.
 *
 * <p>Unlike S3, parts other than the last may be smaller than 5 MiB: a development server has no reason to
 * refuse small test uploads.
 */
final class MultipartUploads {
    record Upload(String id, String bucket, String key, ObjectHeaders headers, Path directory) {}

    record Part(int number, String etag, long size, Instant lastModified) {}

    /** A part as CompleteMultipartUpload lists it. */
    record RequestedPart(int number, String etag) {}

    static final int MAX_PART_NUMBER = 10_000;

    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern PART_FILE = Pattern.compile("part-(\\d+)-([0-9a-f]{32})");
    private static final String DESCRIPTOR = "upload.properties";

    private final ObjectStore store;
    private final SecureRandom random = new SecureRandom();

    MultipartUploads(ObjectStore store) {
        this.store = store;
    }

    Upload initiate(String bucket, String key, ObjectHeaders headers) throws S3ErrorException, IOException {
        store.checkWritable(bucket, key);
        byte[] idBytes = new byte[16];
        random.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        Path directory = store.paths().uploads().resolve(id);
        Files.createDirectory(directory);
        Properties descriptor = new Properties();
        descriptor.setProperty("bucket", bucket);
        descriptor.setProperty("key", key);
        headers.writeTo(descriptor);
        try (Writer writer = Files.newBufferedWriter(directory.resolve(DESCRIPTOR), StandardCharsets.UTF_8)) {
            descriptor.store(writer, null);
        }
        return new Upload(id, bucket, key, headers, directory);
    }

    /** The upload with this id, which must be for this bucket and key. */
    Upload find(String id, String bucket, String key) throws S3ErrorException, IOException {
        if (!UPLOAD_ID.matcher(id).matches()) {
            throw noSuchUpload();
        }
        Path directory = store.paths().uploads().resolve(id);
        Properties descriptor = new Properties();
        try (Reader reader = Files.newBufferedReader(directory.resolve(DESCRIPTOR), StandardCharsets.UTF_8)) {
            descriptor.load(reader);
        } catch (NoSuchFileException e) {
            throw noSuchUpload();
        }
        if (!bucket.equals(descriptor.getProperty("bucket")) || !key.equals(descriptor.getProperty("key"))) {
            throw noSuchUpload();
        }
        return new Upload(id, bucket, key, ObjectHeaders.readFrom(descriptor), directory);
    }

    /** Stores a received part, replacing an earlier upload of the same part number; returns its ETag. */
    String putPart(Upload upload, int number, StagedFile body) throws S3ErrorException, IOException {
        String md5 = HexFormat.of().formatHex(body.md5());
        Path part = upload.directory().resolve(partFileName(number, md5));
        try {
            Files.move(body.path(), part, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw noSuchUpload(); // aborted or completed while the part was being received
        }
        try (DirectoryStream<Path> earlier = Files.newDirectoryStream(upload.directory(), "part-" + number + "-*")) {
            for (Path file : earlier) {
                if (!file.equals(part)) {
                    Files.deleteIfExists(file);
                }
            }
        }
        return ETags.of(body.md5());
    }

    /** The received parts in part number order. */
    List<Part> parts(Upload upload) throws S3ErrorException, IOException {
        List<Part> parts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(upload.directory(), "part-*")) {
            for (Path file : files) {
                Matcher name = PART_FILE.matcher(file.getFileName().toString());
                if (name.matches()) {
                    parts.add(new Part(
                            Integer.parseInt(name.group(1)),
                            '"' + name.group(2) + '"',
                            Files.size(file),
                            Files.getLastModifiedTime(file).toInstant()));
                }
            }
        } catch (NoSuchFileException e) {
            throw noSuchUpload();
        }
        parts.sort(Comparator.comparingInt(Part::number));
        return parts;
    }

    /**
     * Assembles the listed parts, in order, into the object and ends the upload; returns the object's ETag.
     * Each listed part must have been received with exactly that ETag.
     */
    String complete(Upload upload, List<RequestedPart> requested) throws S3ErrorException, IOException {
        if (requested.isEmpty()) {
            throw XmlBody.malformed();
        }
        List<Path> files = new ArrayList<>();
        List<byte[]> md5s = new ArrayList<>();
        int previous = 0;
        for (RequestedPart part : requested) {
            if (part.number() <= previous) {
                throw S3Error.INVALID_PART_ORDER.with("The list of parts was not in ascending order. The parts"
                        + " list must be specified in order by part number.");
            }
            previous = part.number();
            String md5 = ETags.unquoted(part.etag()).toLowerCase(Locale.ROOT);
            Path file = MD5_HEX.matcher(md5).matches()
                    ? upload.directory().resolve(partFileName(part.number(), md5))
                    : null;
            if (file == null || !Files.isRegularFile(file)) {
                throw S3Error.INVALID_PART.with("One or more of the specified parts could not be found. The part"
                        + " may not have been uploaded, or the specified entity tag may not match the part's"
                        + " entity tag: part " + part.number());
            }
            files.add(file);
            md5s.add(HexFormat.of().parseHex(md5));
        }
        Path assembled = Files.createTempFile(store.paths().staging(), "multipart-", ".tmp");
        try {
            long size = concatenate(files, assembled);
            String etag = ETags.multipart(md5s);
            store.commit(upload.bucket(), upload.key(), assembled, new ObjectMetadata(etag, size, upload.headers()));
            FileTrees.deleteRecursively(upload.directory());
            return etag;
        } finally {
            Files.deleteIfExists(assembled);
        }
    }

    void abort(Upload upload) throws IOException {
        FileTrees.deleteRecursively(upload.directory());
    }

    /** Copies the parts into {@code target} file-to-file (no copy through the heap) and forces it to disk. */
    private static long concatenate(List<Path> parts, Path target) throws S3ErrorException, IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            for (Path part : parts) {
                try (FileChannel in = FileChannel.open(part)) {
                    long size = in.size();
                    for (long copied = 0; copied < size; ) {
                        copied += in.transferTo(copied, size - copied, out);
                    }
                } catch (NoSuchFileException e) {
                    throw noSuchUpload(); // aborted while we were assembling it
                }
            }
            out.force(false);
            return out.size();
        }
    }

    private static String partFileName(int number, String md5Hex) {
        return "part-" + number + "-" + md5Hex;
    }

    private static S3ErrorException noSuchUpload() {
        return S3Error.NO_SUCH_UPLOAD.with("The specified upload does not exist. The upload ID may be invalid, or"
                + " the upload may have been aborted or completed.");
    }
}
