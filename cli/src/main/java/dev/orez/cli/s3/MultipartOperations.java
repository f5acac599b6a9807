package dev.orez.cli.s3;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/** CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload and ListParts. */
final class MultipartOperations {
    private static final int MAX_PARTS_PER_LISTING = 1000;

    private final ObjectStore store;
    private final MultipartUploads uploads;

    MultipartOperations(ObjectStore store) {
        this.store = store;
        this.uploads = new MultipartUploads(store);
    }

    S3Response initiate(S3Request request) throws S3ErrorException, IOException {
        MultipartUploads.Upload upload =
                uploads.initiate(request.bucket(), request.key(), ObjectHeaders.from(request.headers()));
        return XmlWriter.document("InitiateMultipartUploadResult")
                .element("Bucket", upload.bucket())
                .element("Key", upload.key())
                .element("UploadId", upload.id())
                .toResponse(HttpResponseStatus.OK);
    }

    S3Operation uploadPart(S3Request request) throws S3ErrorException, IOException {
        int number = partNumber(request.param("partNumber", ""));
        MultipartUploads.Upload upload = find(request);
        return new UploadBody(store, request.headers(), body -> S3Response.empty(HttpResponseStatus.OK)
                .header(HttpHeaderNames.ETAG, uploads.putPart(upload, number, body)));
    }

    S3Operation complete(S3Request request) throws S3ErrorException, IOException {
        MultipartUploads.Upload upload = find(request);
        return new XmlBody(root -> {
            List<MultipartUploads.RequestedPart> parts = new ArrayList<>();
            for (Element part : XmlBody.children(root, "Part")) {
                String number = XmlBody.childText(part, "PartNumber");
                String etag = XmlBody.childText(part, "ETag");
                if (number == null || etag == null) {
                    throw XmlBody.malformed();
                }
                parts.add(new MultipartUploads.RequestedPart(partNumber(number.trim()), etag));
            }
            String etag = uploads.complete(upload, parts);
            return XmlWriter.document("CompleteMultipartUploadResult")
                    .element("Location", "/" + upload.bucket() + "/" + upload.key())
                    .element("Bucket", upload.bucket())
                    .element("Key", upload.key())
                    .element("ETag", etag)
                    .toResponse(HttpResponseStatus.OK);
        });
    }

    S3Response abort(S3Request request) throws S3ErrorException, IOException {
        uploads.abort(find(request));
        return S3Response.empty(HttpResponseStatus.NO_CONTENT);
    }

    S3Response listParts(S3Request request) throws S3ErrorException, IOException {
        MultipartUploads.Upload upload = find(request);
        int marker = parseCount(request.param("part-number-marker", "0"), "part-number-marker");
        int max = Math.min(
                parseCount(request.param("max-parts", Integer.toString(MAX_PARTS_PER_LISTING)), "max-parts"),
                MAX_PARTS_PER_LISTING);
        List<MultipartUploads.Part> after = uploads.parts(upload).stream()
                .filter(part -> part.number() > marker)
                .toList();
        List<MultipartUploads.Part> page = after.subList(0, Math.min(max, after.size()));
        boolean truncated = page.size() < after.size();
        XmlWriter xml = XmlWriter.document("ListPartsResult")
                .element("Bucket", upload.bucket())
                .element("Key", upload.key())
                .element("UploadId", upload.id())
                .element("PartNumberMarker", marker)
                .element(
                        "NextPartNumberMarker",
                        page.isEmpty() ? marker : page.get(page.size() - 1).number())
                .element("MaxParts", max)
                .element("IsTruncated", truncated);
        for (MultipartUploads.Part part : page) {
            xml.start("Part")
                    .element("PartNumber", part.number())
                    .element("LastModified", Timestamps.xml(part.lastModified()))
                    .element("ETag", part.etag())
                    .element("Size", part.size())
                    .end();
        }
        return xml.toResponse(HttpResponseStatus.OK);
    }

    /** The request's upload; its bucket may not exist yet, as completing the upload creates it. */
    private MultipartUploads.Upload find(S3Request request) throws S3ErrorException, IOException {
        return uploads.find(request.param("uploadId", ""), request.bucket(), request.key());
    }

    private static int partNumber(String text) throws S3ErrorException {
        int number = parseCount(text, "partNumber");
        if (number < 1 || number > MultipartUploads.MAX_PART_NUMBER) {
            throw S3Error.INVALID_ARGUMENT.with(
                    "Part number must be an integer between 1 and " + MultipartUploads.MAX_PART_NUMBER);
        }
        return number;
    }

    private static int parseCount(String text, String name) throws S3ErrorException {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw S3Error.INVALID_ARGUMENT.with(name + " must be a non-negative integer");
    }
}
