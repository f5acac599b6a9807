package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.cli.log.LogLevel;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ZeroEnvironmentTest {
    private final ZeroEnvironment zero =
            new ZeroEnvironment(LogLevel.INFO, "user", "password", 6434, Path.of("/data/orez"), 5849, Optional.empty());

    @Test
    void orezDefaultsApplyWhenTheUserSetsNothing() {
        Map<String, String> environment = zero.over(Map.of());

        assertEquals("development", environment.get("NODE_ENV"));
        assertEquals("info", environment.get("ZERO_LOG_LEVEL"));
        assertEquals("1", environment.get("ZERO_NUM_SYNC_WORKERS"));
        assertEquals("false", environment.get("ZERO_ENABLE_QUERY_PLANNER"));
        assertEquals("999", environment.get("ZERO_INITIAL_SYNC_TABLE_COPY_WORKERS"));
        assertEquals("true", environment.get("ZERO_AUTO_RESET"));
        assertEquals("90000", environment.get("ZERO_CHANGE_STATEMENT_TIMEOUT_MS"));
        assertEquals("true", environment.get("OTEL_SDK_DISABLED"));
    }

    @Test
    void theLogLevelFollowsOrez() {
        ZeroEnvironment quiet =
                new ZeroEnvironment(LogLevel.ERROR, "user", "password", 6434, Path.of("d"), 5849, Optional.empty());

        assertEquals("error", quiet.over(Map.of()).get("ZERO_LOG_LEVEL"));
    }

    @Test
    void theUserOverridesDefaults() {
        Map<String, String> environment = zero.over(Map.of(
                "ZERO_LOG_LEVEL", "debug",
                "ZERO_NUM_SYNC_WORKERS", "4",
                "OTEL_SDK_DISABLED", "false"));

        assertEquals("debug", environment.get("ZERO_LOG_LEVEL"));
        assertEquals("4", environment.get("ZERO_NUM_SYNC_WORKERS"));
        assertEquals("false", environment.get("OTEL_SDK_DISABLED"));
    }

    @Test
    void everythingElseTheUserExportsFlowsThrough() {
        Map<String, String> environment = zero.over(Map.of(
                "ZERO_MUTATE_URL", "http://localhost:3000/push",
                "ZERO_AUTH_SECRET", "s3cret",
                "PATH", "/usr/bin"));

        assertEquals("http://localhost:3000/push", environment.get("ZERO_MUTATE_URL"));
        assertEquals("s3cret", environment.get("ZERO_AUTH_SECRET"));
        assertEquals("/usr/bin", environment.get("PATH"));
    }

    @Test
    void forcedSettingsPointAtThisOrezWhateverTheUserSays() {
        Map<String, String> user = Map.of(
                "ZERO_UPSTREAM_DB", "postgresql://elsewhere/db",
                "ZERO_CVR_DB", "postgresql://elsewhere/cvr",
                "ZERO_CHANGE_DB", "postgresql://elsewhere/cdb",
                "ZERO_REPLICA_FILE", "/tmp/other.db",
                "ZERO_PORT", "1234",
                "NODE_ENV", "production");

        Map<String, String> environment = zero.over(user);

        assertEquals("postgresql://user:password@127.0.0.1:6434/postgres", environment.get("ZERO_UPSTREAM_DB"));
        assertEquals("postgresql://user:password@127.0.0.1:6434/zero_cvr", environment.get("ZERO_CVR_DB"));
        assertEquals("postgresql://user:password@127.0.0.1:6434/zero_cdb", environment.get("ZERO_CHANGE_DB"));
        assertEquals(
                Path.of("/data/orez/zero-replica.db").toAbsolutePath().toString(),
                environment.get("ZERO_REPLICA_FILE"));
        assertEquals("5849", environment.get("ZERO_PORT"));
        assertEquals("development", environment.get("NODE_ENV"));
        assertEquals(
                List.of(
                        "NODE_ENV",
                        "ZERO_UPSTREAM_DB",
                        "ZERO_CVR_DB",
                        "ZERO_CHANGE_DB",
                        "ZERO_REPLICA_FILE",
                        "ZERO_PORT"),
                zero.ignoredUserSettings(user));
    }

    @Test
    void aForcedSettingTheUserSetToTheSameValueIsNotReportedAsIgnored() {
        assertEquals(List.of(), zero.ignoredUserSettings(Map.of("ZERO_PORT", "5849", "NODE_ENV", "development")));
    }

    @Test
    void theReplicaPathIsAbsoluteEvenForARelativeDataDirectory() {
        ZeroEnvironment relative =
                new ZeroEnvironment(LogLevel.WARN, "u", "p", 1, Path.of(".orez"), 2, Optional.empty());

        Path replica = Path.of(relative.over(Map.of()).get("ZERO_REPLICA_FILE"));

        assertTrue(replica.isAbsolute(), replica.toString());
        assertEquals(Path.of(".orez", "zero-replica.db").toAbsolutePath().normalize(), replica);
    }

    @Test
    void userAndPasswordAreEncodedSoTheUrlStaysValid() {
        String user = "dev user@corp";
        String password = "p:w/d%?#+é";
        ZeroEnvironment awkward =
                new ZeroEnvironment(LogLevel.WARN, user, password, 6434, Path.of("d"), 5849, Optional.empty());

        String url = awkward.over(Map.of()).get("ZERO_UPSTREAM_DB");

        assertEquals("postgresql://dev%20user%40corp:p%3Aw%2Fd%25%3F%23%2B%C3%A9@127.0.0.1:6434/postgres", url);
        URI parsed = URI.create(url);
        assertEquals("127.0.0.1", parsed.getHost());
        assertEquals(6434, parsed.getPort());
        assertEquals("/postgres", parsed.getPath());
        String[] userInfo = parsed.getRawUserInfo().split(":");
        assertEquals(user, URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8));
        // URLDecoder would turn a literal '+' into a space; the encoder never leaves one unescaped.
        assertEquals(password, URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8));
    }

    @Test
    void theWebAssemblySqlitePreloadGoesInFrontOfTheUsersNodeOptions() {
        ZeroEnvironment wasm = new ZeroEnvironment(
                LogLevel.INFO,
                "user",
                "password",
                6434,
                Path.of("d"),
                5849,
                Optional.of(Path.of("/c/my \"shim\"/register.cjs")));

        assertEquals(
                "--require \"/c/my \\\"shim\\\"/register.cjs\"",
                wasm.over(Map.of()).get("NODE_OPTIONS"));
        assertEquals(
                "--require \"/c/my \\\"shim\\\"/register.cjs\" --max-old-space-size=8192",
                wasm.over(Map.of("NODE_OPTIONS", " --max-old-space-size=8192 ")).get("NODE_OPTIONS"));
        assertEquals(List.of(), wasm.ignoredUserSettings(Map.of("NODE_OPTIONS", "--inspect")), "merged, not ignored");
    }

    @Test
    void withTheNativeAddonTheUsersNodeOptionsAreUntouched() {
        assertEquals("--inspect", zero.over(Map.of("NODE_OPTIONS", "--inspect")).get("NODE_OPTIONS"));
        assertTrue(!zero.over(Map.of()).containsKey("NODE_OPTIONS"));
    }
}
