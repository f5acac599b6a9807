package dev.orez.cli.s3;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Lets a web app on any origin talk to the server directly, as browser uploads to presigned URLs do. The
 * original orez put its CORS headers on every response; so does this, with POST added (multipart uploads
 * and DeleteObjects) and more headers exposed (a browser doing a multipart upload must read each part's
 * ETag).
 */
final class CorsPolicy {
    private static final String ALLOWED_METHODS = "GET, PUT, POST, DELETE, HEAD, OPTIONS";
    private static final String EXPOSED_HEADERS =
            "ETag, Content-Length, Content-Range, Content-Type, Last-Modified, Accept-Ranges, x-amz-request-id";
    /** How long a browser may cache a preflight answer, in seconds. */
    private static final String MAX_AGE = "3000";

    private CorsPolicy() {}

    static void addTo(HttpHeaders response) {
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
        response.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        if (!response.contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS)) {
            response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "*");
        }
    }

    /**
     * The answer to any OPTIONS request. The requested headers are echoed rather than answered with
     * {@code *}, because browsers do not let the wildcard cover {@code Authorization}, which an app signing
     * its own requests sends.
     */
    static S3Response preflight(HttpRequest request) {
        String requested = request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "*");
        return S3Response.empty(HttpResponseStatus.OK)
                .header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requested)
                .header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
    }
}
