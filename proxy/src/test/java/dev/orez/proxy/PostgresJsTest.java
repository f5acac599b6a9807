package dev.orez.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * postgres.js, the driver zero-cache uses, through the proxy: the scenarios in src/test/node/clients.mjs
 * (8 concurrent connections with named prepared statements, disconnects and aborted transactions, COPY of
 * 200,000 rows both ways, type round trips). Each exits non-zero naming the check that failed.
 */
class PostgresJsTest {
    @ParameterizedTest
    @ValueSource(strings = {"concurrent", "disconnect", "copy", "types"})
    void scenario(String name) throws Exception {
        String url = "postgres://" + Engines.USER + ":" + Engines.PASSWORD + "@127.0.0.1:"
                + Engines.proxy().port() + "/postgres";
        // The disconnect scenario keeps a transaction idle while other clients wait; its grace periods must stay
        // well inside the proxy's idle-in-transaction timeout, which would otherwise end it (as designed).
        Map<String, String> environment = Map.of("DATABASE_URL", url, "ANSWER_GRACE_MS", "300");
        ClientProcess client =
                ClientProcess.run(Path.of("src/test/node"), environment, List.of("node", "clients.mjs", name), "");
        System.out.println("postgres.js " + name + ": " + client.stdout().strip());
        assertEquals(0, client.exitCode(), client.describe());
    }
}
