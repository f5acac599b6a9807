/**
 * orez's local S3-compatible server, replacing MinIO in development: {@link dev.orez.cli.s3.S3Server} on
 * 127.0.0.1, configured by {@link dev.orez.cli.s3.S3Config}, everything else package-private.
 *
 * <p>A request flows through Netty's HTTP codec into {@code S3RequestHandler} (on a storage thread, since
 * file I/O blocks), which asks {@code S3Router} for the operation, streams the body into it and writes its
 * {@code S3Response}. Operations are grouped by what they act on ({@code BucketOperations},
 * {@code ListingOperations}, {@code ObjectOperations}, {@code MultipartOperations}); they use the disk-side
 * classes {@code ObjectStore} (publish, read, delete), {@code BucketListing}/{@code KeyWalk} (listing
 * without reading the whole bucket) and {@code MultipartUploads}. {@code StoragePaths} describes the layout
 * and is the only place names become paths.
 *
 * <p>Not an S3 security boundary: any request is accepted, signature headers and presigned-URL query
 * parameters are ignored (never verified), and there are no ACLs or policies. It listens on loopback only.
 */
package dev.orez.cli.s3;
