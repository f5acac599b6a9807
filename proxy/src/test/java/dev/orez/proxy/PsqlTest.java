package dev.orez.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Debian's psql through the proxy: queries, a script with COPY FROM STDIN, and a wrong password. */
class PsqlTest {
    private static ClientProcess psql(String password, String stdin, String... arguments) throws Exception {
        List<String> command = Engines.psql("-v", "ON_ERROR_STOP=1");
        command.addAll(List.of(arguments));
        return ClientProcess.run(Path.of("."), Map.of("PGPASSWORD", password), command, stdin);
    }

    @Test
    void aQuery() throws Exception {
        ClientProcess result = psql(Engines.PASSWORD, "", "-c", "SELECT 6 * 7");
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("42", result.stdout().strip());
    }

    @Test
    void aScriptWithCopyFromStdinAndAMetaCommand() throws Exception {
        String script = String.join(
                "\n",
                "DROP TABLE IF EXISTS psql_copy;",
                "CREATE TABLE psql_copy (id int, name text);",
                "COPY psql_copy FROM STDIN;",
                "1\tone",
                "2\ttwo",
                "3\t\\N",
                "\\.",
                "SELECT count(*), count(name) FROM psql_copy;",
                "\\dt psql_copy",
                "");
        ClientProcess result = psql(Engines.PASSWORD, script, "-f", "-");
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().contains("3|2"), result.describe());
        assertTrue(result.stdout().contains("public|psql_copy|table"), result.describe());
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        ClientProcess result = psql("wrong", "", "-c", "SELECT 1");
        assertEquals(2, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("password authentication failed for user \"user\""), result.describe());
    }
}
