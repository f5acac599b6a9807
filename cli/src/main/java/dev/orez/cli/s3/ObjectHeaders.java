package dev.orez.cli.s3;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URLConnection;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a client asks S3 to store with an object and return on every GET and HEAD: the standard headers S3
 * keeps (Content-Type, Cache-Control, …) and the user metadata ({@code x-amz-meta-*}).
 *
 * @param standard stored standard headers by their canonical name
 * @param user user metadata by lower-case name without the {@code x-amz-meta-} prefix
 */
record ObjectHeaders(Map<String, String> standard, Map<String, String> user) {
    private static final List<String> STANDARD = List.of(
            "Content-Type", "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires");
    private static final String USER_PREFIX = "x-amz-meta-";
    private static final String STANDARD_PROPERTY = "header.";
    private static final String USER_PROPERTY = "meta.";

    ObjectHeaders {
        standard = Map.copyOf(standard);
        user = Map.copyOf(user);
    }

    static ObjectHeaders from(HttpHeaders request) {
        Map<String, String> standard = new TreeMap<>();
        for (String name : STANDARD) {
            String value = request.get(name);
            if (value != null) {
                standard.put(name, value);
            }
        }
        withoutAwsChunked(standard);
        Map<String, String> user = new TreeMap<>();
        for (Map.Entry<String, String> header : request) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(USER_PREFIX)) {
                user.put(name.substring(USER_PREFIX.length()), header.getValue());
            }
        }
        return new ObjectHeaders(standard, user);
    }

    /**
     * {@code aws-chunked} describes how the request body was framed (see {@link AwsChunkedDecoder}), not the
     * object; S3 drops it from the stored Content-Encoding and keeps any real coding such as gzip.
     */
    private static void withoutAwsChunked(Map<String, String> standard) {
        String encoding = standard.remove("Content-Encoding");
        if (encoding != null) {
            String rest = Arrays.stream(encoding.split(","))
                    .map(String::trim)
                    .filter(coding -> !coding.isEmpty() && !coding.equalsIgnoreCase("aws-chunked"))
                    .collect(Collectors.joining(", "));
            if (!rest.isEmpty()) {
                standard.put("Content-Encoding", rest);
            }
        }
    }

    /**
     * Adds the stored headers to a response. Without a stored Content-Type the type is guessed from the key's
     * extension, as the original orez did for every object.
     */
    void addTo(HttpHeaders response, String key) {
        standard.forEach(response::set);
        if (!standard.containsKey("Content-Type")) {
            String guessed = URLConnection.guessContentTypeFromName(key);
            response.set(HttpHeaderNames.CONTENT_TYPE, guessed != null ? guessed : "application/octet-stream");
        }
        user.forEach((name, value) -> response.set(USER_PREFIX + name, value));
    }

    void writeTo(Properties properties) {
        standard.forEach((name, value) -> properties.setProperty(STANDARD_PROPERTY + name, value));
        user.forEach((name, value) -> properties.setProperty(USER_PROPERTY + name, value));
    }

    static ObjectHeaders readFrom(Properties properties) {
        Map<String, String> standard = new TreeMap<>();
        Map<String, String> user = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(STANDARD_PROPERTY)) {
                standard.put(name.substring(STANDARD_PROPERTY.length()), properties.getProperty(name));
            } else if (name.startsWith(USER_PROPERTY)) {
                user.put(name.substring(USER_PROPERTY.length()), properties.getProperty(name));
            }
        }
        return new ObjectHeaders(standard, user);
    }

    static ObjectHeaders none() {
        return new ObjectHeaders(Map.of(), Map.of());
    }
}
