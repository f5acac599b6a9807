package dev.orez.cli.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real AWS CLI from Debian's {@code awscli} package against the server. CI installs it (listed in
 * {@code .ci/debian-packages}); without it these tests fail rather than skip, so a missing client cannot
 * pass for a working server.
 */
class AwsCliTest {
    /** Debian's CLI; a pyenv shim named {@code aws} may come first on PATH, so this is never looked up there. */
    private static final Path AWS = Path.of("/usr/bin/aws");

    @RegisterExtension
    final RunningS3Server s3 = new RunningS3Server();

    private Path work;

    @BeforeEach
    void requireTheCli() throws IOException {
        assertTrue(Files.isExecutable(AWS), AWS + " is missing: run `bash .ci/install-test-peers` (installs awscli)");
        work = Files.createDirectories(s3.sandbox().resolve("cli"));
    }

    @Test
    void copiesListsAndRemovesObjects() throws Exception {
        byte[] big = new byte[20 << 20]; // above the CLI's 8 MiB threshold: uploaded and downloaded in parts
        new Random(42).nextBytes(big);
        Path bigFile = Files.write(work.resolve("big.bin"), big);
        Path smallFile = Files.writeString(work.resolve("small.txt"), "small text");

        aws("s3api", "create-bucket", "--bucket", "cli-bucket");
        aws("s3", "cp", bigFile.toString(), "s3://cli-bucket/dir/big.bin");
        aws("s3", "cp", smallFile.toString(), "s3://cli-bucket/dir/small.txt", "--content-type", "text/plain");

        String listing = aws("s3", "ls", "s3://cli-bucket/dir/");
        assertTrue(listing.matches("(?s).*\\s" + big.length + " big\\.bin\\R.*"), listing);
        assertTrue(listing.matches("(?s).*\\s10 small\\.txt\\R.*"), listing);
        assertTrue(aws("s3", "ls", "s3://cli-bucket/").contains("PRE dir/"));

        Path downloaded = work.resolve("downloaded.bin");
        aws("s3", "cp", "s3://cli-bucket/dir/big.bin", downloaded.toString());
        assertArrayEquals(big, Files.readAllBytes(downloaded));
        String bigHead = aws("s3api", "head-object", "--bucket", "cli-bucket", "--key", "dir/big.bin");
        assertTrue(bigHead.matches("(?s).*\"ETag\": \"\\\\\"[0-9a-f]{32}-3\\\\\"\".*"), "3 parts: " + bigHead);
        String head = aws("s3api", "head-object", "--bucket", "cli-bucket", "--key", "dir/small.txt");
        assertTrue(head.contains("\"ContentType\": \"text/plain\""), head);
        assertTrue(aws(
                        "s3api",
                        "get-object",
                        "--bucket",
                        "cli-bucket",
                        "--key",
                        "dir/small.txt",
                        "--range",
                        "bytes=0-4",
                        work.resolve("range.txt").toString())
                .contains("\"ContentRange\": \"bytes 0-4/10\""));
        assertEquals("small", Files.readString(work.resolve("range.txt")));

        aws("s3", "rm", "s3://cli-bucket/dir/", "--recursive");
        assertEquals("", aws("s3", "ls", "s3://cli-bucket/", "--recursive").strip());
        aws("s3", "rb", "s3://cli-bucket");
        assertFalse(aws("s3", "ls").contains("cli-bucket"));
    }

    @Test
    void deletesSeveralObjectsInOneRequest() throws Exception {
        aws("s3", "mb", "s3://batch");
        for (String key : List.of("a.txt", "b.txt", "c.txt")) {
            aws("s3", "cp", Files.writeString(work.resolve(key), key).toString(), "s3://batch/" + key);
        }

        String result = aws(
                "s3api",
                "delete-objects",
                "--bucket",
                "batch",
                "--delete",
                "{\"Objects\":[{\"Key\":\"a.txt\"},{\"Key\":\"c.txt\"}]}");

        assertTrue(result.contains("\"Key\": \"a.txt\"") && result.contains("\"Key\": \"c.txt\""), result);
        assertEquals(List.of("b.txt"), keysIn("batch"));
    }

    private List<String> keysIn(String bucket) throws Exception {
        List<String> keys = new ArrayList<>();
        for (String line :
                aws("s3", "ls", "s3://" + bucket + "/", "--recursive").split("\\R")) {
            if (!line.isBlank()) {
                keys.add(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return keys;
    }

    /** Runs the CLI against the server with made-up credentials and no user configuration; returns stdout. */
    private String aws(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(AWS.toString(), "--endpoint-url", s3.endpoint().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "orez-access-key");
        env.put("AWS_SECRET_ACCESS_KEY", "orez-secret-key");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Path stderr = Files.createTempFile(work, "aws-stderr", ".txt");
        Process process = builder.redirectError(stderr.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "aws " + String.join(" ", arguments) + " timed out");
        assertEquals(
                0, process.exitValue(), "aws " + String.join(" ", arguments) + "\n" + out + Files.readString(stderr));
        return out;
    }
}
