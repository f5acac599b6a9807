package dev.orez.cli.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

class ListObjectsTest {
    @RegisterExtension
    final RunningS3Server s3 = new RunningS3Server();

    private S3Client client;

    @BeforeEach
    void createBucket() {
        client = s3.client();
        client.createBucket(b -> b.bucket("files"));
    }

    @Test
    void keysComeInS3OrderNotDirectoryOrder() {
        // '-' (0x2D) sorts before '/' (0x2F): key a-c comes before everything under a/, although directory
        // "a" sorts before file "a-c".
        put("a/b", "a-c", "a0", "b/c/d", "b-c", "A");

        assertEquals(
                List.of("A", "a-c", "a/b", "a0", "b-c", "b/c/d"), keys(client.listObjectsV2(b -> b.bucket("files"))));
    }

    @Test
    void listingReportsSizeETagAndLastModified() {
        String etag = client.putObject(b -> b.bucket("files").key("x.txt"), RequestBody.fromString("12345"))
                .eTag();

        S3Object object =
                client.listObjectsV2(b -> b.bucket("files")).contents().get(0);

        assertEquals(5L, object.size());
        assertEquals(etag, object.eTag());
        assertTrue(object.lastModified() != null);
    }

    @Test
    void prefixAndDelimiterRollDeeperKeysIntoCommonPrefixes() {
        put("photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg", "photosx", "docs/d");

        ListObjectsV2Response response =
                client.listObjectsV2(b -> b.bucket("files").prefix("photos/").delimiter("/"));

        assertEquals(List.of("photos/top.jpg"), keys(response));
        assertEquals(List.of("photos/2024/", "photos/2025/"), prefixes(response));
        assertEquals(3, response.keyCount());
        assertFalse(response.isTruncated());
    }

    @Test
    void continuationTokensPageThroughEveryKeyExactlyOnce() {
        List<String> expected = IntStream.range(0, 25)
                .mapToObj(i -> String.format("logs/%02d.txt", i))
                .toList();
        put(expected.toArray(String[]::new));

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = client.listObjectsV2(
                    b -> b.bucket("files").prefix("logs/").maxKeys(10).continuationToken(continuation));
            seen.addAll(keys(page));
            pageSizes.add(page.keyCount());
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            assertEquals(page.isTruncated(), token != null);
        } while (token != null);

        assertEquals(expected, seen);
        assertEquals(List.of(10, 10, 5), pageSizes);
    }

    @Test
    void pagesEndingOnACommonPrefixResumeAfterEverythingUnderIt() {
        put("a/1", "a/2", "a/3", "b", "c/1", "c/2", "d");

        List<String> entries = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = client.listObjectsV2(
                    b -> b.bucket("files").delimiter("/").maxKeys(1).continuationToken(continuation));
            entries.addAll(prefixes(page));
            entries.addAll(keys(page));
            token = page.nextContinuationToken();
        } while (token != null);

        assertEquals(List.of("a/", "b", "c/", "d"), entries);
    }

    @Test
    void maxKeysZeroListsNothing() {
        put("k1");

        ListObjectsV2Response response =
                client.listObjectsV2(b -> b.bucket("files").maxKeys(0));

        assertEquals(0, response.keyCount());
        assertFalse(response.isTruncated());
    }

    @Test
    void startAfterSkipsKeysUpToAndIncludingIt() {
        put("k1", "k2", "k3");

        assertEquals(
                List.of("k3"), keys(client.listObjectsV2(b -> b.bucket("files").startAfter("k2"))));
    }

    @Test
    void version1ListingPagesWithMarkers() {
        put("m1", "m2", "m3");

        ListObjectsResponse first = client.listObjects(b -> b.bucket("files").maxKeys(2));
        ListObjectsResponse second =
                client.listObjects(b -> b.bucket("files").maxKeys(2).marker(first.nextMarker()));

        assertEquals(
                List.of("m1", "m2"),
                first.contents().stream().map(S3Object::key).toList());
        assertTrue(first.isTruncated());
        assertEquals(
                List.of("m3"), second.contents().stream().map(S3Object::key).toList());
        assertFalse(second.isTruncated());
        assertNull(second.nextMarker());
    }

    private void put(String... keys) {
        for (String key : keys) {
            client.putObject(b -> b.bucket("files").key(key), RequestBody.fromString(key));
        }
    }

    private static List<String> keys(ListObjectsV2Response response) {
        return response.contents().stream().map(S3Object::key).toList();
    }

    private static List<String> prefixes(ListObjectsV2Response response) {
        return response.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    }
}
