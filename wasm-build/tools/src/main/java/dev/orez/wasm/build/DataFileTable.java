package dev.orez.wasm.build;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each file of pglite.data lies. Emscripten's file packager does not store this in the .data blob; it writes it
 * into the loader script (pglite.js) as {@code files:[{filename:"/x",start:0,end:9},...],remote_package_size:N} and
 * creates the directories with {@code Module["FS_createPath"]("/parent","name",true,true)} calls.
 *
 * <p>Parsing is strict on purpose: an entry this parser does not understand fails the build instead of being skipped,
 * and the entries must tile the blob exactly, so a changed loader format cannot silently produce a partial image.
 */
record DataFileTable(List<Entry> files, SortedSet<String> directories) {

    /** One file of the blob: bytes {@code [start, end)}. */
    record Entry(String path, int start, int end) {}

    // Keys may be quoted or not (file packager emits JSON, minifiers drop the quotes); whitespace is allowed anywhere.
    private static final Pattern TABLE = Pattern.compile(
            "\"?files\"?\\s*:\\s*\\[(.*?)\\]\\s*,\\s*\"?remote_package_size\"?\\s*:\\s*(\\d+)", Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile("\\{\\s*\"?filename\"?\\s*:\\s*\"([^\"\\\\]*)\"\\s*,"
            + "\\s*\"?start\"?\\s*:\\s*(\\d+)\\s*,\\s*\"?end\"?\\s*:\\s*(\\d+)\\s*\\}");
    private static final Pattern CREATE_PATH =
            Pattern.compile("Module\\[\"FS_createPath\"\\]\\(\\s*\"([^\"\\\\]*)\"\\s*,\\s*\"([^\"\\\\]*)\"");

    /**
     * Parses the table out of the loader script and checks it against the blob it describes.
     *
     * @throws IllegalArgumentException naming what is wrong, if the table is missing, malformed, or does not describe
     *     a blob of {@code dataLength} bytes exactly
     */
    static DataFileTable parse(String loaderScript, long dataLength) {
        Matcher table = TABLE.matcher(loaderScript);
        if (!table.find()) {
            throw new IllegalArgumentException(
                    "the loader script has no file table (files:[...],remote_package_size:N)");
        }
        String body = table.group(1);
        long declaredSize = Long.parseLong(table.group(2));
        if (table.find()) {
            throw new IllegalArgumentException("the loader script has more than one file table");
        }
        if (declaredSize != dataLength) {
            throw new IllegalArgumentException("the loader script declares remote_package_size " + declaredSize
                    + " but the data file is " + dataLength + " bytes");
        }
        List<Entry> files = entries(body);
        checkTiling(files, dataLength);
        return new DataFileTable(
                List.copyOf(files), Collections.unmodifiableSortedSet(createdDirectories(loaderScript)));
    }

    private static List<Entry> entries(String body) {
        List<Entry> entries = new ArrayList<>();
        Matcher entry = ENTRY.matcher(body);
        int position = skipWhitespace(body, 0);
        while (position < body.length()) {
            if (!entry.region(position, body.length()).lookingAt()) {
                throw new IllegalArgumentException(
                        "malformed file table entry at character " + position + ": " + excerpt(body, position));
            }
            entries.add(new Entry(entry.group(1), toInt(entry.group(2)), toInt(entry.group(3))));
            position = skipWhitespace(body, entry.end());
            if (position < body.length()) {
                if (body.charAt(position) != ',') {
                    throw new IllegalArgumentException("expected ',' between file table entries at character "
                            + position + ": " + excerpt(body, position));
                }
                position = skipWhitespace(body, position + 1);
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the file table is empty");
        }
        return entries;
    }

    private static void checkTiling(List<Entry> files, long dataLength) {
        Set<String> paths = new HashSet<>();
        long expectedStart = 0;
        List<Entry> byStart = new ArrayList<>(files);
        byStart.sort(Comparator.comparingInt(Entry::start));
        for (Entry file : byStart) {
            if (!paths.add(file.path())) {
                throw new IllegalArgumentException("the file table lists " + file.path() + " twice");
            }
            if (file.start() != expectedStart) {
                throw new IllegalArgumentException("the file table does not tile the data file: " + file.path()
                        + " starts at " + file.start() + ", expected " + expectedStart);
            }
            if (file.end() < file.start()) {
                throw new IllegalArgumentException(
                        "the file table gives " + file.path() + " an end before its start: " + file);
            }
            expectedStart = file.end();
        }
        if (expectedStart != dataLength) {
            throw new IllegalArgumentException(
                    "the file table covers " + expectedStart + " bytes of a " + dataLength + "-byte data file");
        }
    }

    private static SortedSet<String> createdDirectories(String loaderScript) {
        SortedSet<String> directories = new TreeSet<>();
        Matcher call = CREATE_PATH.matcher(loaderScript);
        while (call.find()) {
            String parent = call.group(1);
            directories.add((parent.endsWith("/") ? parent : parent + "/") + call.group(2));
        }
        return directories;
    }

    private static int skipWhitespace(String text, int position) {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        return position;
    }

    private static int toInt(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("file table offset out of range: " + digits, e);
        }
    }

    private static String excerpt(String text, int position) {
        return text.substring(position, Math.min(text.length(), position + 80));
    }
}
