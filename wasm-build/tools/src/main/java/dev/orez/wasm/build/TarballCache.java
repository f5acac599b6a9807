package dev.orez.wasm.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A directory of npm tarballs that only ever holds files matching their pinned integrity: a download is verified in a
 * temporary file and renamed into place, and a cached file is verified again before each use. A fetch the cache can
 * serve makes no network request. Downloads report their progress to the log.
 */
public final class TarballCache {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    // Generous: the pglite tarball is ~10 MB and builds may run on slow links.
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path directory;
    private final NpmRegistry registry;
    private final Consumer<String> log;

    /** {@code log} receives one human-readable line per event: cache hits, download progress, finished downloads. */
    public TarballCache(Path directory, NpmRegistry registry, Consumer<String> log) {
        this.directory = directory;
        this.registry = registry;
        this.log = log;
    }

    /** The verified tarball of the package, downloaded only if the cache has no good copy. */
    public Path fetch(NpmPackage npmPackage) throws IOException {
        Path cached = directory.resolve(npmPackage.cacheFileName());
        if (Files.isRegularFile(cached)) {
            if (npmPackage.integrity().matches(cached)) {
                log.accept("npm " + npmPackage + ": using cache " + cached);
                return cached;
            }
            log.accept("npm " + npmPackage + ": cached " + cached + " fails its integrity check, downloading again");
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
            receive(npmPackage, uri, partial);
            if (!npmPackage.integrity().matches(partial)) {
                throw new IOException("npm " + npmPackage + ": the tarball from " + uri
                        + " does not match the pinned integrity " + npmPackage.integrity() + "; nothing was cached");
            }
            long size = Files.size(partial);
            // Same directory, so the rename is atomic: readers see no file or the whole verified one.
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.accept(String.format(
                    Locale.ROOT, "npm %s: downloaded %.1f MB from %s", npmPackage, size / 1_000_000.0, uri));
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Streams the body into {@code body}, reporting progress; any failure names the package and the URL. */
    private void receive(NpmPackage npmPackage, URI uri, Path body) throws IOException {
        // Only built when a download is needed: its selector thread would otherwise outlive a cached build for nothing.
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("npm " + npmPackage + ": downloading " + uri + " failed: " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("npm " + npmPackage + ": downloading " + uri + " was interrupted");
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("npm " + npmPackage + ": GET " + uri + " answered HTTP " + response.statusCode());
            }
            long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            String sizeText = size < 0 ? "" : String.format(Locale.ROOT, " %.1f MB", size / 1_000_000.0);
            log.accept("npm " + npmPackage + ": downloading" + sizeText + " from " + uri);
            try {
                copy(in, body, new DownloadProgress("npm " + npmPackage, size, log, System::nanoTime));
            } catch (IOException e) {
                throw new IOException("npm " + npmPackage + ": downloading " + uri + " failed: " + e, e);
            }
        }
    }

    /** Why a request failed, in words: the HTTP client's connection failures carry no message of their own. */
    private static String reason(IOException e) {
        if (e instanceof ConnectException) {
            return "no connection to the registry (offline, or the registry is unreachable)";
        }
        return e.toString();
    }

    private static void copy(InputStream in, Path target, DownloadProgress progress) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
                progress.advance(n);
            }
        }
    }
}
