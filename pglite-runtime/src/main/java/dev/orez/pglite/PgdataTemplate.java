package dev.orez.pglite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The PGDATA that initdb produced at build time, packed in the jar. A new data directory is a copy of it,
 * so first start copies files instead of running initdb (seconds of single-user bootstrap).
 */
final class PgdataTemplate {
    static final String RESOURCE = "/dev/orez/pglite/template/pgdata.zip";
    /** Written last: a directory without it is not (yet) a data directory. */
    static final String VERSION_FILE = "PG_VERSION";
    /** Present while a copy is under way: a directory holding it may be wiped and copied again. */
    static final String COPY_MARKER = ".orez-template-copy";

    private PgdataTemplate() {}

    /** Copies the template into {@code dir}, writing PG_VERSION last so an interrupted copy is detectable. */
    static void copyTo(Path dir) throws IOException {
        Files.write(dir.resolve(COPY_MARKER), new byte[0]);
        byte[] version = null;
        try (InputStream resource = PgdataTemplate.class.getResourceAsStream(RESOURCE)) {
            if (resource == null) {
                throw new PGliteException("the PGDATA template " + RESOURCE + " is missing from the classpath");
            }
            ZipInputStream zip = new ZipInputStream(resource);
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new PGliteException("template entry escapes the data directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.getName().equals(VERSION_FILE)) {
                    version = zip.readAllBytes();
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (version == null) {
            throw new PGliteException("the PGDATA template has no " + VERSION_FILE);
        }
        Path partial = dir.resolve(VERSION_FILE + ".partial");
        Files.write(partial, version);
        Files.move(partial, dir.resolve(VERSION_FILE), StandardCopyOption.ATOMIC_MOVE);
        Files.delete(dir.resolve(COPY_MARKER));
    }
}
