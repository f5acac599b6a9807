package dev.orez.cli.s3;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;

/** ListBuckets, CreateBucket, HeadBucket, DeleteBucket and GetBucketLocation. */
final class BucketOperations {
    /** The single region this server pretends to be in; S3 reports us-east-1 as an empty location. */
    private static final String REGION = "us-east-1";

    /** Every bucket belongs to the one anonymous local owner. */
    private static final String OWNER_ID = "orez";

    private final ObjectStore store;

    BucketOperations(ObjectStore store) {
        this.store = store;
    }

    S3Response listBuckets() throws IOException {
        XmlWriter xml = XmlWriter.document("ListAllMyBucketsResult")
                .start("Owner")
                .element("ID", OWNER_ID)
                .element("DisplayName", OWNER_ID)
                .end()
                .start("Buckets");
        for (ObjectStore.BucketInfo bucket : store.listBuckets()) {
            xml.start("Bucket")
                    .element("Name", bucket.name())
                    .element("CreationDate", Timestamps.xml(bucket.created()))
                    .end();
        }
        return xml.toResponse(HttpResponseStatus.OK);
    }

    /** The request body (a CreateBucketConfiguration naming a region) is ignored: there is one region. */
    S3Response create(S3Request request) throws S3ErrorException, IOException {
        store.createBucket(request.bucket());
        return S3Response.empty(HttpResponseStatus.OK).header(HttpHeaderNames.LOCATION, "/" + request.bucket());
    }

    S3Response head(S3Request request) throws S3ErrorException {
        store.requireBucket(request.bucket());
        return S3Response.empty(HttpResponseStatus.OK).header("x-amz-bucket-region", REGION);
    }

    S3Response delete(S3Request request) throws S3ErrorException, IOException {
        store.deleteBucket(request.bucket());
        return S3Response.empty(HttpResponseStatus.NO_CONTENT);
    }

    /** Some clients (the MinIO SDKs among them) ask for the bucket's region before anything else. */
    S3Response location(S3Request request) throws S3ErrorException {
        store.requireBucket(request.bucket());
        return XmlWriter.document("LocationConstraint").toResponse(HttpResponseStatus.OK);
    }
}
