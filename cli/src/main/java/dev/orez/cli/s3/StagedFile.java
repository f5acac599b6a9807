package dev.orez.cli.s3;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * A request body being received into the staging directory, digested as it arrives. Only a complete body is
 * renamed to its final place (see {@link ObjectStore#commit}); anything else is discarded, so readers never
 * see a partial object.
 */
final class StagedFile {
    private final Path path;
    private final FileChannel channel;
    private final MessageDigest md5 = ETags.md5();
    private long size;
    private byte[] digest;

    private StagedFile(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.WRITE);
    }

    static StagedFile create(Path stagingDirectory) throws IOException {
        return new StagedFile(Files.createTempFile(stagingDirectory, "body-", ".tmp"));
    }

    void write(ByteBuf data) throws IOException {
        for (ByteBuffer buffer : data.nioBuffers()) {
            md5.update(buffer.duplicate());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        size += data.readableBytes();
    }

    /**
     * Closes the file after forcing it to disk: the rename that publishes it must not be able to reach the
     * disk before the bytes do, or a power cut could leave a truncated object behind.
     */
    void finish() throws IOException {
        channel.force(false);
        channel.close();
        digest = md5.digest();
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    /** The body's MD5; only after {@link #finish()}. */
    byte[] md5() {
        return digest.clone();
    }

    /** Closes and deletes the file; safe to call at any point, also after a commit moved the file away. */
    void discard() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            System.getLogger(StagedFile.class.getName())
                    .log(System.Logger.Level.WARNING, "could not delete staged body " + path, e);
        }
    }
}
