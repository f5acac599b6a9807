package dev.orez.pglite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data outlives the JVM that wrote it: after a clean close, and after SIGKILL right after a commit. */
class DurabilityTest {
    @TempDir
    Path dataDir;

    @Test
    void dataWrittenAndClosedInOneJvmIsReadInTheNext() throws Exception {
        Process child = startChild("close", "from-clean-jvm");
        assertEquals("CLOSED", firstLine(child));
        assertEquals(0, child.waitFor());
        assertEquals(List.of(List.of("from-clean-jvm")), readDurable());
    }

    @Test
    void aCommitSurvivesSigkillOfTheJvm() throws Exception {
        Process child = startChild("wait", "survives-kill");
        assertEquals("COMMITTED", firstLine(child));
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue());
        assertEquals(List.of(List.of("survives-kill")), readDurable());
    }

    private Process startChild(String mode, String value) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                ChildEngine.class.getName(),
                dataDir.toString(),
                mode,
                value);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return builder.start();
    }

    private static String firstLine(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        return out.readLine();
    }

    private List<List<String>> readDurable() {
        try (PGlite pg = PGlite.open(dataDir, PGliteOptions.defaults().withLog(line -> {}))) {
            pg.execProtocolRaw(Frontend.startup("postgres", "postgres"));
            return new Replies(pg.execProtocolRaw(Frontend.query("SELECT v FROM durable"))).rows();
        }
    }
}
