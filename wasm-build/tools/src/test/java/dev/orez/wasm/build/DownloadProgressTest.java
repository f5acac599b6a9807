package dev.orez.wasm.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DownloadProgressTest {
    private static final long SECOND = 1_000_000_000L;

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    private DownloadProgress progress(long totalBytes) {
        return new DownloadProgress("npm x@1.0.0", totalBytes, lines::add, clock::get);
    }

    @Test
    void reportsEachFurtherTenthOnce() {
        DownloadProgress progress = progress(10_000_000);

        for (int i = 0; i < 100; i++) {
            progress.advance(100_000);
        }

        assertEquals(10, lines.size(), lines.toString());
        assertEquals("npm x@1.0.0: 10% (1.0 of 10.0 MB)", lines.get(0));
        assertEquals("npm x@1.0.0: 100% (10.0 of 10.0 MB)", lines.get(9));
    }

    @Test
    void aChunkSpanningSeveralTenthsGivesOneLine() {
        DownloadProgress progress = progress(20_000_000);

        progress.advance(5_000_000);

        assertEquals(List.of("npm x@1.0.0: 25% (5.0 of 20.0 MB)"), lines);
    }

    @Test
    void aSmallDownloadReportsByTimeAlone() {
        DownloadProgress progress = progress(3_000_000);

        progress.advance(2_000_000);
        clock.addAndGet(5 * SECOND);
        progress.advance(500_000);
        progress.advance(500_000);

        assertEquals(List.of("npm x@1.0.0: 83% (2.5 of 3.0 MB)"), lines);
    }

    @Test
    void aSlowDownloadStillReportsEveryFewSeconds() {
        DownloadProgress progress = progress(100_000_000);

        progress.advance(1_000_000);
        clock.addAndGet(6 * SECOND);
        progress.advance(1_000_000);

        assertEquals(List.of("npm x@1.0.0: 2% (2.0 of 100.0 MB)"), lines);
    }

    @Test
    void anUnknownSizeIsReportedByTimeAlone() {
        DownloadProgress progress = progress(-1);

        progress.advance(3_000_000);
        clock.addAndGet(5 * SECOND);
        progress.advance(2_000_000);

        assertEquals(List.of("npm x@1.0.0: 5.0 MB so far"), lines);
    }
}
