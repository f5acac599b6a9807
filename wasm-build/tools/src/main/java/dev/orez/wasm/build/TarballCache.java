package dev.orez.wasm.build;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;

/**
 * A directory of npm tarballs that only ever holds files matching their pinned integrity: a download is verified in a
 * temporary file and renamed into place, and a cached file is verified again before each use. A build whose cache is
 * good makes no network request.
 */
final class TarballCache {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    // Generous: the pglite tarball is ~10 MB and builds may run on slow links.
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

    private final Path directory;
    private final NpmRegistry registry;
    private final PrintStream log;

    TarballCache(Path directory, NpmRegistry registry, PrintStream log) {
        this.directory = directory;
        this.registry = registry;
        this.log = log;
    }

    /** The verified tarball of the package, downloaded only if the cache has no good copy. */
    Path fetch(NpmPackage npmPackage) throws IOException {
        Path cached = directory.resolve(npmPackage.cacheFileName());
        if (Files.isRegularFile(cached)) {
            if (npmPackage.integrity().matches(cached)) {
                log.println("npm " + npmPackage + ": using cache " + cached);
                return cached;
            }
            log.println("npm " + npmPackage + ": cached " + cached + " fails its integrity check, downloading again");
            Files.delete(cached);
        }
        download(npmPackage, cached);
        return cached;
    }

    private void download(NpmPackage npmPackage, Path target) throws IOException {
        URI uri = registry.tarballUri(npmPackage);
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, npmPackage.cacheFileName(), ".part");
        try {
            HttpResponse<Path> response = get(npmPackage, uri, partial);
            if (response.statusCode() != 200) {
                throw new IOException("npm " + npmPackage + ": GET " + uri + " answered HTTP " + response.statusCode());
            }
            if (!npmPackage.integrity().matches(partial)) {
                throw new IOException("npm " + npmPackage + ": the tarball from " + uri
                        + " does not match the pinned integrity " + npmPackage.integrity() + "; nothing was cached");
            }
            long size = Files.size(partial);
            // Same directory, so the rename is atomic: readers see no file or the whole verified one.
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.println(String.format(
                    Locale.ROOT, "npm %s: downloaded %.1f MB from %s", npmPackage, size / 1_000_000.0, uri));
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static HttpResponse<Path> get(NpmPackage npmPackage, URI uri, Path body) throws IOException {
        // Only built when a download is needed: its selector thread would otherwise outlive a cached build for nothing.
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofFile(body));
        } catch (IOException e) {
            throw new IOException("npm " + npmPackage + ": downloading " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("npm " + npmPackage + ": downloading " + uri + " was interrupted");
        }
    }
}
