package dev.orez.cli.s3;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Buckets and objects on disk (layout in {@link StoragePaths}). Bodies are received elsewhere into staging
 * files; this class publishes them with atomic renames and answers what exists.
 *
 * <p>Every change to the namespace, and every read that pairs an object file with its sidecar, holds one
 * lock. The work under it is a few renames and small reads, so a single lock costs nothing measurable, and it
 * keeps a reader from pairing a new body with the old sidecar and a delete from pruning a directory another
 * request is just publishing into. Listing walks the tree without the lock and skips entries that vanish.
 */
final class ObjectStore {
    /** What a GET or HEAD reports about an object. */
    record ObjectInfo(ObjectMetadata metadata, Instant lastModified) {}

    /** An object opened for reading; the channel keeps the bytes readable even if the key is overwritten. */
    record OpenObject(FileChannel channel, ObjectInfo info) {}

    record BucketInfo(String name, Instant created) {}

    private final StoragePaths paths;
    private final Object namespace = new Object();

    private ObjectStore(StoragePaths paths) {
        this.paths = paths;
    }

    /**
     * Opens the storage under {@code root}, creating it if needed. Staging files left by a crash are deleted;
     * they were never published, so nothing is lost.
     */
    static ObjectStore open(Path root) throws IOException {
        StoragePaths paths = new StoragePaths(root);
        Files.createDirectories(paths.root());
        FileTrees.recreate(paths.staging());
        Files.createDirectories(paths.metadataRoot());
        Files.createDirectories(paths.uploads());
        return new ObjectStore(paths);
    }

    StoragePaths paths() {
        return paths;
    }

    StagedFile stage() throws IOException {
        return StagedFile.create(paths.staging());
    }

    void createBucket(String bucket) throws S3ErrorException, IOException {
        StoragePaths.checkNewBucketName(bucket);
        synchronized (namespace) {
            Path directory = paths.bucket(bucket);
            if (Files.isDirectory(directory)) {
                throw S3Error.BUCKET_ALREADY_OWNED_BY_YOU.with(
                        "Your previous request to create the named bucket succeeded and you already own it.");
            }
            Files.createDirectories(directory);
        }
    }

    boolean bucketExists(String bucket) throws S3ErrorException {
        return Files.isDirectory(paths.bucket(bucket));
    }

    void requireBucket(String bucket) throws S3ErrorException {
        if (!bucketExists(bucket)) {
            throw S3Error.NO_SUCH_BUCKET.with("The specified bucket does not exist");
        }
    }

    /** Buckets in name order. */
    List<BucketInfo> listBuckets() throws IOException {
        List<BucketInfo> buckets = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(paths.root())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && Files.isDirectory(entry)) {
                    BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                    buckets.add(new BucketInfo(name, attributes.creationTime().toInstant()));
                }
            }
        }
        buckets.sort(Comparator.comparing(BucketInfo::name));
        return buckets;
    }

    /**
     * Deletes an empty bucket. Directories without any file in them count as empty: they are what a crash
     * between deleting an object and pruning its directory leaves, and listing shows nothing for them.
     */
    void deleteBucket(String bucket) throws S3ErrorException, IOException {
        synchronized (namespace) {
            requireBucket(bucket);
            Path directory = paths.bucket(bucket);
            try (Stream<Path> tree = Files.walk(directory)) {
                if (tree.anyMatch(path -> !Files.isDirectory(path))) {
                    throw S3Error.BUCKET_NOT_EMPTY.with("The bucket you tried to delete is not empty");
                }
            }
            FileTrees.deleteRecursively(directory);
            FileTrees.deleteRecursively(paths.bucketMetadata(bucket));
        }
    }

    /**
     * Publishes a complete body as {@code bucket/key}, replacing any previous object. A missing bucket is
     * created first: the original orez had no CreateBucket and apps written for it simply PUT.
     *
     * <p>The sidecar is published before the body: a crash between the two renames then leaves either a
     * sidecar without an object (invisible) or, when overwriting, a sidecar whose recorded size rarely
     * matches the old body (ignored, see {@link ObjectMetadata#size()}).
     */
    void commit(String bucket, String key, Path body, ObjectMetadata metadata) throws S3ErrorException, IOException {
        Path target = paths.object(bucket, key);
        Path sidecar = paths.sidecar(bucket, key);
        Path stagedSidecar = Files.createTempFile(paths.staging(), "meta-", ".tmp");
        try {
            metadata.write(stagedSidecar);
            synchronized (namespace) {
                checkWritable(bucket, key);
                createParents(key, target);
                Files.createDirectories(sidecar.getParent());
                move(stagedSidecar, sidecar);
                move(body, target);
            }
        } finally {
            Files.deleteIfExists(stagedSidecar);
        }
    }

    /** Fails unless {@code key} is storable and {@code bucket} exists or is a name a write may create. */
    void checkWritable(String bucket, String key) throws S3ErrorException {
        paths.object(bucket, key);
        if (!bucketExists(bucket)) {
            StoragePaths.checkNewBucketName(bucket);
        }
    }

    /**
     * Fails with an S3 error for a key the file tree cannot hold next to the existing keys: {@code a/b} while
     * an object {@code a} exists, or {@code a} while objects under {@code a/} exist.
     */
    private static void createParents(String key, Path target) throws S3ErrorException, IOException {
        try {
            Files.createDirectories(target.getParent());
        } catch (FileAlreadyExistsException e) {
            throw keyConflict(key);
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw keyConflict(key);
        }
    }

    private static S3ErrorException keyConflict(String key) {
        return S3Error.INVALID_ARGUMENT.with("This server stores keys as files: '" + key
                + "' cannot exist together with an object that is a prefix of it or objects it is a prefix of");
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    ObjectInfo stat(String bucket, String key) throws S3ErrorException, IOException {
        synchronized (namespace) {
            return info(bucket, key, paths.object(bucket, key));
        }
    }

    OpenObject open(String bucket, String key) throws S3ErrorException, IOException {
        synchronized (namespace) {
            Path file = paths.object(bucket, key);
            ObjectInfo info = info(bucket, key, file);
            return new OpenObject(FileChannel.open(file), info);
        }
    }

    private ObjectInfo info(String bucket, String key, Path file) throws S3ErrorException, IOException {
        BasicFileAttributes attributes = attributesIfExists(file);
        if (attributes == null || attributes.isDirectory()) {
            requireBucket(bucket);
            throw S3Error.NO_SUCH_KEY.with("The specified key does not exist.");
        }
        long size = attributes.size();
        ObjectMetadata metadata = ObjectMetadata.read(paths.sidecar(bucket, key))
                .filter(sidecar -> sidecar.size() == size)
                .orElse(null);
        if (metadata == null) {
            // A file put there by hand or by the original orez: no stored headers, MD5 computed on demand.
            metadata = new ObjectMetadata(ETags.ofFile(file), size, ObjectHeaders.none());
        }
        return new ObjectInfo(metadata, attributes.lastModifiedTime().toInstant());
    }

    /**
     * Null when nothing is there, including when a prefix of the path is a file ("not a directory"): key
     * {@code a/b} does not exist while object {@code a} does.
     */
    private static BasicFileAttributes attributesIfExists(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (FileSystemException e) {
            if (Files.exists(file)) {
                throw e;
            }
            return null;
        }
    }

    /** Deletes an object; a missing key is not an error, as in S3. */
    void delete(String bucket, String key) throws S3ErrorException, IOException {
        synchronized (namespace) {
            requireBucket(bucket);
            Path file = paths.object(bucket, key);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Path sidecar = paths.sidecar(bucket, key);
            Files.delete(file);
            Files.deleteIfExists(sidecar);
            FileTrees.pruneEmpty(file.getParent(), paths.bucket(bucket));
            FileTrees.pruneEmpty(sidecar.getParent(), paths.bucketMetadata(bucket));
        }
    }
}
