package dev.orez.cli.s3;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * An operation whose body is object data (PutObject, UploadPart): the body streams into a staging file, so
 * memory use does not depend on its size, and is handed to {@code publish} only once complete and intact.
 */
final class UploadBody implements S3Operation {
    /** Puts a complete body where it belongs and answers; the staged file is deleted afterwards if still there. */
    interface Publish {
        S3Response apply(StagedFile body) throws S3ErrorException, IOException;
    }

    private final String contentMd5;
    private final AwsChunkedDecoder chunked;
    private final StagedFile staged;
    private final Publish publish;

    UploadBody(ObjectStore store, HttpHeaders headers, Publish publish) throws S3ErrorException, IOException {
        this.contentMd5 = headers.get("Content-MD5");
        this.chunked = AwsChunkedDecoder.forRequest(headers);
        this.publish = publish;
        this.staged = store.stage();
    }

    @Override
    public void content(ByteBuf chunk) throws S3ErrorException, IOException {
        if (chunked != null) {
            chunked.decode(chunk, staged::write);
        } else {
            staged.write(chunk);
        }
    }

    @Override
    public S3Response complete() throws S3ErrorException, IOException {
        try {
            if (chunked != null) {
                chunked.finish();
            }
            staged.finish();
            checkContentMd5();
            return publish.apply(staged);
        } finally {
            staged.discard();
        }
    }

    @Override
    public void abort() {
        staged.discard();
    }

    /** Content-MD5 is the client's integrity check; S3 refuses a body that does not match it. */
    private void checkContentMd5() throws S3ErrorException {
        if (contentMd5 == null) {
            return;
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(contentMd5.trim());
        } catch (IllegalArgumentException e) {
            throw S3Error.INVALID_DIGEST.with("The Content-MD5 you specified is not valid.");
        }
        if (!MessageDigest.isEqual(expected, staged.md5())) {
            throw S3Error.BAD_DIGEST.with("The Content-MD5 you specified did not match what we received.");
        }
    }
}
