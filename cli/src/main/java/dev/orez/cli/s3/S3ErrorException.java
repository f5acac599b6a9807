package dev.orez.cli.s3;

/**
 * A request that S3 would refuse. Thrown anywhere below the request handler, which answers with the S3 XML
 * error document for {@link #error()}.
 */
final class S3ErrorException extends Exception {
    private final S3Error error;

    S3ErrorException(S3Error error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    S3Error error() {
        return error;
    }
}
