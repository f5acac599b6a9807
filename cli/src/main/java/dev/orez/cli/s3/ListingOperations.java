package dev.orez.cli.s3;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * ListObjectsV2 and the older ListObjects (V1), which differ only in how a page names where the next one
 * starts: V2 with an opaque continuation token, V1 with a marker.
 */
final class ListingOperations {
    private static final int MAX_KEYS = 1000;

    private final BucketListing listing;

    ListingOperations(ObjectStore store) {
        this.listing = new BucketListing(store);
    }

    S3Response listV2(S3Request request) throws S3ErrorException, IOException {
        String token = request.param("continuation-token", null);
        String startAfter = request.param("start-after", "");
        String after = token != null ? decodeToken(token) : startAfter;
        BucketListing.Query query = query(request, after);
        BucketListing.Page page = listing.list(request.bucket(), query);
        UnaryOperator<String> encode = encoding(request);

        XmlWriter xml = header(request, query, encode)
                .element(
                        "KeyCount",
                        page.objects().size() + page.commonPrefixes().size())
                .element("IsTruncated", page.truncated())
                .element("ContinuationToken", token)
                .element("NextContinuationToken", page.truncated() ? encodeToken(page.last()) : null)
                .element("StartAfter", startAfter.isEmpty() ? null : encode.apply(startAfter));
        return entries(xml, page, encode).toResponse(HttpResponseStatus.OK);
    }

    S3Response listV1(S3Request request) throws S3ErrorException, IOException {
        String marker = request.param("marker", "");
        BucketListing.Query query = query(request, marker);
        BucketListing.Page page = listing.list(request.bucket(), query);
        UnaryOperator<String> encode = encoding(request);

        XmlWriter xml = header(request, query, encode)
                .element("Marker", encode.apply(marker))
                .element("IsTruncated", page.truncated())
                .element("NextMarker", page.truncated() ? encode.apply(page.last()) : null);
        return entries(xml, page, encode).toResponse(HttpResponseStatus.OK);
    }

    private static BucketListing.Query query(S3Request request, String after) throws S3ErrorException {
        String maxKeys = request.param("max-keys", Integer.toString(MAX_KEYS));
        int max;
        try {
            max = Integer.parseInt(maxKeys.trim());
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 0) {
            throw S3Error.INVALID_ARGUMENT.with("Provided max-keys not an integer or within integer range");
        }
        return new BucketListing.Query(
                request.param("prefix", ""), request.param("delimiter", ""), Math.min(max, MAX_KEYS), after);
    }

    private static XmlWriter header(S3Request request, BucketListing.Query query, UnaryOperator<String> encode) {
        return XmlWriter.document("ListBucketResult")
                .element("Name", request.bucket())
                .element("Prefix", encode.apply(query.prefix()))
                .element("Delimiter", query.delimiter().isEmpty() ? null : encode.apply(query.delimiter()))
                .element("MaxKeys", query.maxKeys())
                .element("EncodingType", request.param("encoding-type", null));
    }

    private static XmlWriter entries(XmlWriter xml, BucketListing.Page page, UnaryOperator<String> encode) {
        for (BucketListing.Entry entry : page.objects()) {
            xml.start("Contents")
                    .element("Key", encode.apply(entry.key()))
                    .element("LastModified", Timestamps.xml(entry.info().lastModified()))
                    .element("ETag", entry.info().metadata().etag())
                    .element("Size", entry.info().metadata().size())
                    .element("StorageClass", "STANDARD")
                    .end();
        }
        for (String prefix : page.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", encode.apply(prefix)).end();
        }
        return xml;
    }

    /**
     * With {@code encoding-type=url} (the AWS CLI always asks for it) keys are URL-encoded, so that keys with
     * characters XML 1.0 cannot carry survive; the client decodes them.
     */
    private static UnaryOperator<String> encoding(S3Request request) throws S3ErrorException {
        String type = request.param("encoding-type", null);
        if (type == null) {
            return UnaryOperator.identity();
        }
        if (!type.equals("url")) {
            throw S3Error.INVALID_ARGUMENT.with("Invalid Encoding Method specified in Request");
        }
        return text -> URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The token is the page's last entry, encoded only so clients treat it as opaque. */
    private static String encodeToken(String last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) throws S3ErrorException {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Error.INVALID_ARGUMENT.with("The continuation token provided is incorrect");
        }
    }
}
