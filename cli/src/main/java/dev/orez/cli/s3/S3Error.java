package dev.orez.cli.s3;

import io.netty.handler.codec.http.HttpResponseStatus;

/** The S3 error codes this server answers with, each with the HTTP status S3 pairs it with. */
enum S3Error {
    BAD_DIGEST("BadDigest", HttpResponseStatus.BAD_REQUEST),
    BUCKET_ALREADY_OWNED_BY_YOU("BucketAlreadyOwnedByYou", HttpResponseStatus.CONFLICT),
    BUCKET_NOT_EMPTY("BucketNotEmpty", HttpResponseStatus.CONFLICT),
    INCOMPLETE_BODY("IncompleteBody", HttpResponseStatus.BAD_REQUEST),
    INTERNAL_ERROR("InternalError", HttpResponseStatus.INTERNAL_SERVER_ERROR),
    INVALID_ARGUMENT("InvalidArgument", HttpResponseStatus.BAD_REQUEST),
    INVALID_BUCKET_NAME("InvalidBucketName", HttpResponseStatus.BAD_REQUEST),
    INVALID_DIGEST("InvalidDigest", HttpResponseStatus.BAD_REQUEST),
    INVALID_PART("InvalidPart", HttpResponseStatus.BAD_REQUEST),
    INVALID_PART_ORDER("InvalidPartOrder", HttpResponseStatus.BAD_REQUEST),
    INVALID_RANGE("InvalidRange", HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE),
    INVALID_REQUEST("InvalidRequest", HttpResponseStatus.BAD_REQUEST),
    INVALID_URI("InvalidURI", HttpResponseStatus.BAD_REQUEST),
    KEY_TOO_LONG("KeyTooLongError", HttpResponseStatus.BAD_REQUEST),
    MALFORMED_XML("MalformedXML", HttpResponseStatus.BAD_REQUEST),
    MAX_MESSAGE_LENGTH_EXCEEDED("MaxMessageLengthExceeded", HttpResponseStatus.BAD_REQUEST),
    METHOD_NOT_ALLOWED("MethodNotAllowed", HttpResponseStatus.METHOD_NOT_ALLOWED),
    NO_SUCH_BUCKET("NoSuchBucket", HttpResponseStatus.NOT_FOUND),
    NO_SUCH_KEY("NoSuchKey", HttpResponseStatus.NOT_FOUND),
    NO_SUCH_UPLOAD("NoSuchUpload", HttpResponseStatus.NOT_FOUND),
    NOT_IMPLEMENTED("NotImplemented", HttpResponseStatus.NOT_IMPLEMENTED);

    private final String code;
    private final HttpResponseStatus status;

    S3Error(String code, HttpResponseStatus status) {
        this.code = code;
        this.status = status;
    }

    String code() {
        return code;
    }

    HttpResponseStatus status() {
        return status;
    }

    /** An exception carrying this error, to be turned into an XML error response by the request handler. */
    S3ErrorException with(String message) {
        return new S3ErrorException(this, message);
    }
}
