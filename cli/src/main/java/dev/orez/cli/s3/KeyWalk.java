package dev.orez.cli.s3;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The keys of one bucket in S3's order (by UTF-8 bytes, which is Unicode code point order), produced lazily
 * by a depth-first walk of the bucket directory that never descends into a directory whose keys cannot be
 * wanted. A page of a listing therefore costs roughly the directories on the way to it, not the whole bucket.
 *
 * <p>Walking directory entries in name order would not give key order: key {@code a/b} sorts after key
 * {@code a-c} because {@code /} sorts after {@code -}, yet directory {@code a} sorts before file {@code a-c}.
 * Entries are therefore ordered as the key prefix they stand for, a directory {@code a} as {@code a/}.
 */
final class KeyWalk {
    /** S3 order. {@link String#compareTo} compares UTF-16 units, which misorders characters above U+FFFF. */
    private static final Comparator<String> KEY_ORDER = KeyWalk::compareCodePoints;

    private record Entry(String name, boolean directory) {
        String keyPart() {
            return directory ? name + "/" : name;
        }
    }

    private record Level(Path directory, String keyPrefix, Iterator<Entry> entries) {}

    private final Deque<Level> stack = new ArrayDeque<>();
    private final String prefix;
    private final String after;
    private String skipped;

    /**
     * @param prefix only keys starting with this
     * @param after only keys sorting after this ("" for all)
     */
    KeyWalk(Path bucketDirectory, String prefix, String after) throws IOException {
        this.prefix = prefix;
        this.after = after;
        descend(bucketDirectory, "");
    }

    /** From now on, leaves out every key starting with {@code keyPrefix} (a common prefix already reported). */
    void skip(String keyPrefix) {
        skipped = keyPrefix;
    }

    /** The next wanted key, or null when there is none. */
    String next() throws IOException {
        while (!stack.isEmpty()) {
            Level level = stack.peek();
            if (!level.entries().hasNext()) {
                stack.pop();
                continue;
            }
            Entry entry = level.entries().next();
            String keyPart = level.keyPrefix() + entry.keyPart();
            if (!entry.directory()) {
                if (wanted(keyPart)) {
                    return keyPart;
                }
            } else if (mayHoldWanted(keyPart)) {
                descend(level.directory().resolve(entry.name()), keyPart);
            }
        }
        return null;
    }

    private boolean wanted(String key) {
        return key.startsWith(prefix) && KEY_ORDER.compare(key, after) > 0 && !isSkipped(key);
    }

    /** Whether a directory standing for {@code keyPrefix} can hold a wanted key. */
    private boolean mayHoldWanted(String keyPrefix) {
        boolean overlapsPrefix = keyPrefix.startsWith(prefix) || prefix.startsWith(keyPrefix);
        boolean reachesPastAfter = KEY_ORDER.compare(keyPrefix, after) > 0 || after.startsWith(keyPrefix);
        return overlapsPrefix && reachesPastAfter && !isSkipped(keyPrefix);
    }

    private boolean isSkipped(String keyOrPrefix) {
        return skipped != null && keyOrPrefix.startsWith(skipped);
    }

    private void descend(Path directory, String keyPrefix) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path path : stream) {
                entries.add(new Entry(path.getFileName().toString(), Files.isDirectory(path)));
            }
        } catch (FileSystemException e) {
            if (Files.isDirectory(directory)) {
                throw e;
            }
            return; // deleted while we walked: it holds no keys any more
        }
        entries.sort(Comparator.comparing(Entry::keyPart, KEY_ORDER));
        stack.push(new Level(directory, keyPrefix, entries.iterator()));
    }

    /** S3 order. {@link String#compareTo} compares UTF-16 units, which misorders characters above U+FFFF. */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
