package dev.orez.pglite.fs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-only Postgres distribution (share/, lib/ side modules, ICU data, extensions) that the build packs
 * into the jar as one blob plus a table of contents. Loaded once per JVM and shared by every engine; each
 * engine's {@link MemoryTree} refers to slices of it and copies only what it writes.
 */
public final class FileImage {
    private static final String RESOURCE_DIR = "/dev/orez/pglite/dist/";

    /** A directory (length -1) or a file's slice of the blob. */
    public record Entry(String path, int offset, int length) {
        public boolean isDirectory() {
            return length < 0;
        }
    }

    private final byte[] blob;
    private final List<Entry> entries;

    FileImage(byte[] blob, List<Entry> entries) {
        this.blob = blob;
        this.entries = entries;
    }

    public static FileImage fromClasspath() {
        return Holder.IMAGE;
    }

    byte[] blob() {
        return blob;
    }

    public List<Entry> entries() {
        return entries;
    }

    private static final class Holder {
        static final FileImage IMAGE = load();

        private static FileImage load() {
            try {
                byte[] blob = readResource("image.bin").readAllBytes();
                List<Entry> entries = new ArrayList<>();
                try (BufferedReader toc =
                        new BufferedReader(new InputStreamReader(readResource("image.tsv"), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = toc.readLine()) != null) {
                        if (!line.isEmpty()) {
                            entries.add(parse(line, blob.length));
                        }
                    }
                }
                return new FileImage(blob, List.copyOf(entries));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the PGlite file image from the classpath", e);
            }
        }

        private static Entry parse(String line, int blobLength) {
            String[] fields = line.split("\t");
            if (fields[0].equals("D") && fields.length == 2) {
                return new Entry(fields[1], 0, -1);
            }
            if (fields[0].equals("F") && fields.length == 4) {
                int offset = Integer.parseInt(fields[2]);
                int length = Integer.parseInt(fields[3]);
                if (offset < 0 || length < 0 || offset + length > blobLength) {
                    throw new IllegalStateException("image entry outside the blob: " + line);
                }
                return new Entry(fields[1], offset, length);
            }
            throw new IllegalStateException("malformed image entry: " + line);
        }

        private static InputStream readResource(String name) {
            InputStream in = FileImage.class.getResourceAsStream(RESOURCE_DIR + name);
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE_DIR + name
                        + ": the orez-pglite-wasm jar is not on the classpath or was built incompletely");
            }
            return in;
        }
    }
}
