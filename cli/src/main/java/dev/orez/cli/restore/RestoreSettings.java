package dev.orez.cli.restore;

import java.time.Duration;

/**
 * How a restore is cut into pieces. The defaults keep PGlite's memory and write-ahead log bounded on dumps
 * of any size: PGlite runs in a fixed WebAssembly heap and, as a single-user backend without a
 * checkpointer, recycles WAL only when asked to checkpoint.
 *
 * @param clean drop and recreate schema {@code public} first
 * @param copyChunkRows rows per COPY statement (each COPY is its own transaction)
 * @param copyChunkBytes data per COPY statement, in UTF-8 bytes; also the most statement text one data
 *     batch holds
 * @param maxRowBytes longer COPY rows are skipped with a warning (PGlite fails on rows around 24 MB)
 * @param dataBatchStatements INSERT/UPDATE/DELETE statements per transaction
 * @param checkpointBytes data loaded between two CHECKPOINTs
 * @param progressInterval the least time between two progress reports
 */
public record RestoreSettings(
        boolean clean,
        int copyChunkRows,
        long copyChunkBytes,
        long maxRowBytes,
        int dataBatchStatements,
        long checkpointBytes,
        Duration progressInterval) {
    private static final long MIB = 1L << 20;

    public RestoreSettings {
        if (copyChunkRows < 1
                || copyChunkBytes < 1
                || maxRowBytes < 1
                || dataBatchStatements < 1
                || checkpointBytes < 1) {
            throw new IllegalArgumentException("chunk, row, batch and checkpoint sizes must be positive");
        }
    }

    /** 50,000 rows or 32 MiB per COPY, rows up to 16 MiB, 200 statements per batch, a CHECKPOINT every 64 MiB. */
    public static RestoreSettings defaults() {
        return new RestoreSettings(false, 50_000, 32 * MIB, 16 * MIB, 200, 64 * MIB, Duration.ofMillis(500));
    }

    public RestoreSettings withClean(boolean clean) {
        return new RestoreSettings(
                clean,
                copyChunkRows,
                copyChunkBytes,
                maxRowBytes,
                dataBatchStatements,
                checkpointBytes,
                progressInterval);
    }
}
