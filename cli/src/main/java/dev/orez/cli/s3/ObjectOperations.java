package dev.orez.cli.s3;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/** PutObject, GetObject, HeadObject, DeleteObject and DeleteObjects. */
final class ObjectOperations {
    /**
     * Query parameters that override a response header of a GET, as presigned download links use them
     * (for example to make a browser save the object under a given file name).
     */
    private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
            "response-content-type", "Content-Type",
            "response-content-language", "Content-Language",
            "response-expires", "Expires",
            "response-cache-control", "Cache-Control",
            "response-content-disposition", "Content-Disposition",
            "response-content-encoding", "Content-Encoding");

    private final ObjectStore store;

    ObjectOperations(ObjectStore store) {
        this.store = store;
    }

    S3Operation put(S3Request request) throws S3ErrorException, IOException {
        String bucket = request.bucket();
        String key = request.key();
        store.checkWritable(bucket, key);
        ObjectHeaders headers = ObjectHeaders.from(request.headers());
        return new UploadBody(store, request.headers(), body -> {
            String etag = ETags.of(body.md5());
            store.commit(bucket, key, body.path(), new ObjectMetadata(etag, body.size(), headers));
            return S3Response.empty(HttpResponseStatus.OK).header(HttpHeaderNames.ETAG, etag);
        });
    }

    S3Response get(S3Request request) throws S3ErrorException, IOException {
        ObjectStore.OpenObject object = store.open(request.bucket(), request.key());
        try {
            long size = object.info().metadata().size();
            ByteRange range = ByteRange.parse(request.headers().get(HttpHeaderNames.RANGE), size);
            S3Response response = range == null
                    ? S3Response.file(HttpResponseStatus.OK, new S3Response.FileSlice(object.channel(), 0, size))
                    : S3Response.file(
                            HttpResponseStatus.PARTIAL_CONTENT,
                            new S3Response.FileSlice(object.channel(), range.first(), range.length()));
            return describe(response, request, object.info(), range);
        } catch (S3ErrorException | RuntimeException e) {
            object.channel().close();
            throw e;
        }
    }

    /** What a GET would answer, without the body; the object is only looked at, never opened. */
    S3Response head(S3Request request) throws S3ErrorException, IOException {
        ObjectStore.ObjectInfo info = store.stat(request.bucket(), request.key());
        long size = info.metadata().size();
        ByteRange range = ByteRange.parse(request.headers().get(HttpHeaderNames.RANGE), size);
        S3Response response = range == null
                ? S3Response.empty(HttpResponseStatus.OK).header(HttpHeaderNames.CONTENT_LENGTH, size)
                : S3Response.empty(HttpResponseStatus.PARTIAL_CONTENT)
                        .header(HttpHeaderNames.CONTENT_LENGTH, range.length());
        return describe(response, request, info, range);
    }

    private static S3Response describe(
            S3Response response, S3Request request, ObjectStore.ObjectInfo info, ByteRange range) {
        info.metadata().headers().addTo(response.headers(), request.key());
        response.header(HttpHeaderNames.ETAG, info.metadata().etag())
                .header(HttpHeaderNames.LAST_MODIFIED, Timestamps.http(info.lastModified()))
                .header(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        if (range != null) {
            response.header(
                    HttpHeaderNames.CONTENT_RANGE,
                    "bytes " + range.first() + "-" + range.last() + "/"
                            + info.metadata().size());
        }
        RESPONSE_OVERRIDES.forEach((parameter, header) -> {
            String value = request.param(parameter, null);
            if (value != null) {
                response.header(header, value);
            }
        });
        return response;
    }

    S3Response delete(S3Request request) throws S3ErrorException, IOException {
        store.delete(request.bucket(), request.key());
        return S3Response.empty(HttpResponseStatus.NO_CONTENT);
    }

    /** DeleteObjects: one result per key, failures reported per key rather than failing the request. */
    S3Operation deleteMany(S3Request request) throws S3ErrorException {
        store.requireBucket(request.bucket());
        return new XmlBody(root -> {
            boolean quiet = "true".equalsIgnoreCase(trimmed(XmlBody.childText(root, "Quiet")));
            List<Element> objects = XmlBody.children(root, "Object");
            if (objects.isEmpty()) {
                throw XmlBody.malformed();
            }
            XmlWriter xml = XmlWriter.document("DeleteResult");
            for (Element object : objects) {
                String key = XmlBody.childText(object, "Key");
                if (key == null) {
                    throw XmlBody.malformed();
                }
                try {
                    store.delete(request.bucket(), key);
                    if (!quiet) {
                        xml.start("Deleted").element("Key", key).end();
                    }
                } catch (S3ErrorException e) {
                    xml.start("Error")
                            .element("Key", key)
                            .element("Code", e.error().code())
                            .element("Message", e.getMessage())
                            .end();
                }
            }
            return xml.toResponse(HttpResponseStatus.OK);
        });
    }

    private static String trimmed(String text) {
        return text == null ? null : text.trim();
    }
}
