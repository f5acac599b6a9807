package dev.orez.pglite;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Build step: runs initdb once and packs the resulting PGDATA as the template every new data directory is
 * copied from. Usage: {@code TemplateBuilder <output directory>}.
 */
public final class TemplateBuilder {
    private TemplateBuilder() {}

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        Path zip = output.resolve("pgdata.zip");
        if (Files.exists(zip)) {
            System.out.println("[pgdata-template] up to date: " + zip);
            return;
        }
        Path pgdata = Files.createTempDirectory("orez-initdb");
        try {
            long start = System.nanoTime();
            // initdb runs postgres's interpreted parser over the whole bootstrap script: it needs a deep stack.
            Thread worker = new Thread(
                    null,
                    () -> InitDb.run(pgdata, line -> System.out.println("[initdb] " + line)),
                    "initdb",
                    512L << 20);
            Throwable[] failure = new Throwable[1];
            worker.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
            worker.start();
            worker.join();
            if (failure[0] != null) {
                throw new IllegalStateException("initdb failed", failure[0]);
            }
            Files.createDirectories(output);
            Path partial = output.resolve("pgdata.zip.partial");
            int files = pack(pgdata, partial);
            Files.move(partial, zip);
            System.out.printf(
                    "[pgdata-template] initdb took %d ms; %d files packed into %s (%d KiB)%n",
                    (System.nanoTime() - start) / 1_000_000, files, zip, Files.size(zip) / 1024);
        } finally {
            deleteTree(pgdata);
        }
    }

    private static int pack(Path pgdata, Path zipFile) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(pgdata)) {
            paths = walk.filter(p -> !p.equals(pgdata)).sorted().collect(Collectors.toList());
        }
        int files = 0;
        try (OutputStream out = Files.newOutputStream(zipFile);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path path : paths) {
                String name = pgdata.relativize(path).toString().replace('\\', '/');
                if (Files.isDirectory(path)) {
                    zip.putNextEntry(new ZipEntry(name + "/"));
                } else {
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(path, zip);
                    files++;
                }
                zip.closeEntry();
            }
        }
        return files;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
