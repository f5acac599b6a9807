package dev.orez.cli.s3;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * A request in S3 terms, path-style: {@code /<bucket>/<key>?<sub-resources and parameters>}.
 *
 * @param bucket null for the service ({@code /})
 * @param key null for a bucket-level request ({@code /bucket} or {@code /bucket/}); otherwise the
 *     percent-decoded rest of the path, slashes included, not yet validated (see {@link StoragePaths})
 * @param path the decoded path, the {@code Resource} of an error document
 */
record S3Request(HttpRequest http, String bucket, String key, Map<String, List<String>> query, String path) {
    static S3Request parse(HttpRequest http) throws S3ErrorException {
        QueryStringDecoder uri = new QueryStringDecoder(http.uri());
        String path;
        Map<String, List<String>> query;
        try {
            path = uri.path();
            query = uri.parameters();
        } catch (IllegalArgumentException e) {
            throw S3Error.INVALID_URI.with("Couldn't parse the specified URI.");
        }
        String rest = path.startsWith("/") ? path.substring(1) : path;
        if (rest.isEmpty()) {
            return new S3Request(http, null, null, query, path);
        }
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            return new S3Request(http, slash < 0 ? rest : rest.substring(0, slash), null, query, path);
        }
        return new S3Request(http, rest.substring(0, slash), rest.substring(slash + 1), query, path);
    }

    HttpMethod method() {
        return http.method();
    }

    HttpHeaders headers() {
        return http.headers();
    }

    /** Whether the query names this parameter or sub-resource, with or without a value. */
    boolean has(String parameter) {
        return query.containsKey(parameter);
    }

    /** The parameter's value, or {@code fallback} when absent. */
    String param(String name, String fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
