package dev.orez.cli.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One page of a bucket listing: the logic shared by ListObjects (V1) and ListObjectsV2. */
final class BucketListing {
    /**
     * @param prefix only keys starting with this ("" for all)
     * @param delimiter keys whose rest after the prefix contains this are rolled up into a common prefix (""
     *     for none)
     * @param maxKeys at most this many keys and common prefixes together
     * @param after start after this key or common prefix (a marker, start-after, or the last entry of the
     *     previous page; "" for the beginning)
     */
    record Query(String prefix, String delimiter, int maxKeys, String after) {}

    record Entry(String key, ObjectStore.ObjectInfo info) {}

    /**
     * @param last the last key or common prefix on the page, where the next page starts
     */
    record Page(List<Entry> objects, List<String> commonPrefixes, boolean truncated, String last) {}

    private final ObjectStore store;

    BucketListing(ObjectStore store) {
        this.store = store;
    }

    Page list(String bucket, Query query) throws S3ErrorException, IOException {
        store.requireBucket(bucket);
        KeyWalk walk = new KeyWalk(store.paths().bucket(bucket), query.prefix(), query.after());
        // A page that ended on a common prefix resumes after every key under it, not just after the prefix.
        if (!query.after().isEmpty() && query.after().equals(commonPrefix(query.after(), query))) {
            walk.skip(query.after());
        }
        List<Entry> objects = new ArrayList<>();
        List<String> commonPrefixes = new ArrayList<>();
        String last = null;
        for (String key = walk.next(); key != null; key = walk.next()) {
            if (objects.size() + commonPrefixes.size() == query.maxKeys()) {
                // More keys follow, but a page holding nothing (max-keys=0) has no place to continue from.
                return new Page(objects, commonPrefixes, last != null, last);
            }
            String rolledUp = commonPrefix(key, query);
            if (rolledUp != null) {
                commonPrefixes.add(rolledUp);
                walk.skip(rolledUp);
                last = rolledUp;
            } else {
                try {
                    objects.add(new Entry(key, store.stat(bucket, key)));
                    last = key;
                } catch (S3ErrorException e) {
                    if (e.error() != S3Error.NO_SUCH_KEY) {
                        throw e;
                    }
                    // Deleted between the walk and the stat: not part of the bucket any more.
                }
            }
        }
        return new Page(objects, commonPrefixes, false, last);
    }

    /** The common prefix {@code key} rolls up into, or null when it is listed as itself. */
    private static String commonPrefix(String key, Query query) {
        if (query.delimiter().isEmpty() || !key.startsWith(query.prefix())) {
            return null;
        }
        int at = key.indexOf(query.delimiter(), query.prefix().length());
        return at < 0 ? null : key.substring(0, at + query.delimiter().length());
    }
}
