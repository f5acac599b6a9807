package dev.orez.cli.s3;

import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.util.Set;

/**
 * Chooses the operation for a request from its method, whether it names a bucket and a key, and its
 * sub-resource parameters, the way S3 dispatches path-style requests.
 */
final class S3Router {
    /**
     * Sub-resources of S3 this server does not implement. Without this list a request such as
     * {@code PUT /bucket?cors} would be taken for CreateBucket and answered wrongly instead of refused.
     */
    private static final Set<String> UNSUPPORTED = Set.of(
            "accelerate",
            "acl",
            "analytics",
            "attributes",
            "cors",
            "encryption",
            "intelligent-tiering",
            "inventory",
            "legal-hold",
            "lifecycle",
            "logging",
            "metrics",
            "notification",
            "object-lock",
            "ownershipControls",
            "policy",
            "policyStatus",
            "publicAccessBlock",
            "replication",
            "requestPayment",
            "restore",
            "retention",
            "select",
            "tagging",
            "torrent",
            "versioning",
            "versions",
            "website");

    private final BucketOperations buckets;
    private final ListingOperations listings;
    private final ObjectOperations objects;
    private final MultipartOperations multipart;

    S3Router(ObjectStore store) {
        this.buckets = new BucketOperations(store);
        this.listings = new ListingOperations(store);
        this.objects = new ObjectOperations(store);
        this.multipart = new MultipartOperations(store);
    }

    S3Operation route(S3Request request) throws S3ErrorException, IOException {
        for (String parameter : request.query().keySet()) {
            if (UNSUPPORTED.contains(parameter)) {
                throw S3Error.NOT_IMPLEMENTED.with(
                        "The ?" + parameter + " sub-resource is not implemented by" + " the orez S3 server.");
            }
        }
        if (request.bucket() == null) {
            return service(request);
        }
        return request.key() == null ? bucket(request) : object(request);
    }

    private S3Operation service(S3Request request) throws S3ErrorException {
        if (HttpMethod.GET.equals(request.method())) {
            return buckets::listBuckets;
        }
        throw methodNotAllowed(request);
    }

    private S3Operation bucket(S3Request request) throws S3ErrorException {
        HttpMethod method = request.method();
        if (HttpMethod.GET.equals(method)) {
            if (request.has("uploads")) {
                throw S3Error.NOT_IMPLEMENTED.with("ListMultipartUploads is not implemented by the orez S3 server.");
            }
            if (request.has("location")) {
                return () -> buckets.location(request);
            }
            return "2".equals(request.param("list-type", null))
                    ? () -> listings.listV2(request)
                    : () -> listings.listV1(request);
        }
        if (HttpMethod.PUT.equals(method)) {
            return () -> buckets.create(request);
        }
        if (HttpMethod.HEAD.equals(method)) {
            return () -> buckets.head(request);
        }
        if (HttpMethod.DELETE.equals(method)) {
            return () -> buckets.delete(request);
        }
        if (HttpMethod.POST.equals(method) && request.has("delete")) {
            return objects.deleteMany(request);
        }
        throw methodNotAllowed(request);
    }

    private S3Operation object(S3Request request) throws S3ErrorException, IOException {
        HttpMethod method = request.method();
        boolean inUpload = request.has("uploadId");
        if (HttpMethod.PUT.equals(method)) {
            if (request.headers().contains("x-amz-copy-source")) {
                throw S3Error.NOT_IMPLEMENTED.with(
                        "CopyObject and UploadPartCopy are not implemented by the orez" + " S3 server.");
            }
            return inUpload ? multipart.uploadPart(request) : objects.put(request);
        }
        if (HttpMethod.GET.equals(method)) {
            return inUpload ? () -> multipart.listParts(request) : () -> objects.get(request);
        }
        if (HttpMethod.HEAD.equals(method)) {
            return () -> objects.head(request);
        }
        if (HttpMethod.DELETE.equals(method)) {
            return inUpload ? () -> multipart.abort(request) : () -> objects.delete(request);
        }
        if (HttpMethod.POST.equals(method)) {
            if (request.has("uploads")) {
                return () -> multipart.initiate(request);
            }
            if (inUpload) {
                return multipart.complete(request);
            }
        }
        throw methodNotAllowed(request);
    }

    private static S3ErrorException methodNotAllowed(S3Request request) {
        return S3Error.METHOD_NOT_ALLOWED.with(
                "The specified method is not allowed against this resource: " + request.method());
    }
}
