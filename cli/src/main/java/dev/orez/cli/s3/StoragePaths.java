package dev.orez.cli.s3;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Maps bucket names and object keys to files, and is the one place that guarantees no name ever reaches a
 * path outside the storage root.
 *
 * <p>The layout follows the original orez: object {@code key} of bucket {@code b} is the file
 * {@code <root>/b/key}, with the key's {@code /} as directory separators, so the files can be browsed and
 * edited by hand. Everything the server keeps for itself lives under {@code <root>/.orez/}: S3 bucket names
 * cannot start with a dot, so no bucket can collide with it.
 *
 * <ul>
 *   <li>{@code .orez/meta/<bucket>/<key>}: the object's metadata sidecar, a tree mirroring the objects (so two
 *       keys never share a sidecar and a key never collides with another key's sidecar);
 *   <li>{@code .orez/staging/}: bodies being received, renamed into place once complete;
 *   <li>{@code .orez/uploads/<uploadId>/}: multipart uploads in progress.
 * </ul>
 */
final class StoragePaths {
    /** S3's bucket naming rules: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending alnum. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private static final int MAX_KEY_BYTES = 1024;
    /** The usual file name limit (ext4, APFS, NTFS); each key segment becomes one file name. */
    private static final int MAX_SEGMENT_BYTES = 255;

    private final Path root;
    private final Path internal;

    StoragePaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.internal = this.root.resolve(".orez");
    }

    Path root() {
        return root;
    }

    Path staging() {
        return internal.resolve("staging");
    }

    Path uploads() {
        return internal.resolve("uploads");
    }

    Path metadataRoot() {
        return internal.resolve("meta");
    }

    /** The directory of a bucket; any name that is a plain file name not starting with a dot is addressable. */
    Path bucket(String bucket) throws S3ErrorException {
        if (bucket.startsWith(".") || !isPlainFileName(bucket)) {
            throw S3Error.INVALID_BUCKET_NAME.with("The specified bucket is not valid: " + bucket);
        }
        return root.resolve(bucket);
    }

    /** Rejects names S3 itself would refuse at creation time, so apps see the errors they would get in AWS. */
    static void checkNewBucketName(String bucket) throws S3ErrorException {
        if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
            throw S3Error.INVALID_BUCKET_NAME.with("The specified bucket is not valid: " + bucket);
        }
    }

    Path object(String bucket, String key) throws S3ErrorException {
        return confined(bucket(bucket), key);
    }

    Path sidecar(String bucket, String key) throws S3ErrorException {
        return confined(bucketMetadata(bucket), key);
    }

    Path bucketMetadata(String bucket) throws S3ErrorException {
        return metadataRoot().resolve(bucket(bucket).getFileName());
    }

    /**
     * Resolves a key under {@code base}. S3 accepts any key, but a file tree cannot hold empty, {@code .} or
     * {@code ..} segments (they would alias or escape), NUL, or over-long names; those keys are refused rather
     * than silently rewritten, so what a client reads back is always what it wrote.
     */
    private static Path confined(Path base, String key) throws S3ErrorException {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw S3Error.KEY_TOO_LONG.with("Your key is too long");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw S3Error.KEY_TOO_LONG.with("A segment of the key is longer than a file name may be");
            }
            if (!isPlainFileName(segment)) {
                throw S3Error.INVALID_ARGUMENT.with("This server stores keys as files and cannot store the key '"
                        + key.replace("\0", "\\0")
                        + "' (empty, '.' or '..' segments, a leading or trailing '/', or NUL)");
            }
        }
        Path resolved = base.resolve(key).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            // Unreachable after the segment check on POSIX; kept because a file system with other separators
            // (a backslash on Windows) must not turn a key into a path outside the bucket.
            throw S3Error.INVALID_ARGUMENT.with("Key resolves outside its bucket");
        }
        return resolved;
    }

    private static boolean isPlainFileName(String segment) {
        return !segment.isEmpty()
                && !segment.equals(".")
                && !segment.equals("..")
                && segment.indexOf('/') < 0
                && segment.indexOf('\0') < 0;
    }
}
