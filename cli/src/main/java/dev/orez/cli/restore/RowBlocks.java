package dev.orez.cli.restore;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * COPY rows packed into blocks of about {@code blockBytes} of UTF-8, each row followed by a newline: the
 * CopyData a target sends. Blocks hold whole rows; a row larger than a block gets a block to itself.
 */
final class RowBlocks {
    private final Iterator<String> rows;
    private final int blockBytes;
    private final ByteArrayOutputStream block;

    RowBlocks(Iterator<String> rows, int blockBytes) {
        this.rows = rows;
        this.blockBytes = blockBytes;
        this.block = new ByteArrayOutputStream(blockBytes + (blockBytes >> 3));
    }

    /** The next block, or null when the rows are used up. */
    byte[] next() {
        block.reset();
        while (block.size() < blockBytes && rows.hasNext()) {
            block.writeBytes(rows.next().getBytes(StandardCharsets.UTF_8));
            block.write('\n');
        }
        return block.size() == 0 ? null : block.toByteArray();
    }
}
