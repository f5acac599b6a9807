package dev.orez.cli.s3;

import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * The work of one request, chosen by {@link S3Router} when the request head arrives. It is fed the body as
 * Netty decodes it and asked for the response once the body has ended, so even an error is only answered
 * after the whole request has been read and the connection stays usable.
 */
interface S3Operation {
    /** The next piece of the request body; ignored unless the operation reads a body. */
    default void content(ByteBuf chunk) throws S3ErrorException, IOException {}

    /** The request has ended: do the work and answer. */
    S3Response complete() throws S3ErrorException, IOException;

    /** The request will not complete (the client went away or an earlier step failed): drop what was staged. */
    default void abort() {}
}
