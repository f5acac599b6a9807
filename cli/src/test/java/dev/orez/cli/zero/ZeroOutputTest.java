package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orez.cli.log.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZeroOutputTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"level\":\"error\",\"message\":\"sync failed\"}",
                "worker 3 ERROR lost connection",
                "Error: connect ECONNREFUSED 127.0.0.1:6434",
                "TypeError: cannot read properties of undefined"
            })
    void errorsAreRecognised(String line) {
        assertEquals(LogLevel.ERROR, ZeroOutput.levelOf(line, false));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"level\":\"warn\",\"message\":\"slow query\"}",
                "replicator WARN lagging behind",
                "(node:123) Warning: something deprecated"
            })
    void warningsAreRecognised(String line) {
        assertEquals(LogLevel.WARN, ZeroOutput.levelOf(line, false));
    }

    @Test
    void debugLinesAreRecognised() {
        assertEquals(LogLevel.DEBUG, ZeroOutput.levelOf("{\"level\":\"debug\",\"message\":\"poke\"}", true));
        assertEquals(LogLevel.DEBUG, ZeroOutput.levelOf("view-syncer DEBUG poke sent", true));
    }

    @Test
    void withoutALevelStdoutIsInformationAndStderrAWarning() {
        assertEquals(LogLevel.INFO, ZeroOutput.levelOf("listening on 4848", false));
        assertEquals(LogLevel.WARN, ZeroOutput.levelOf("listening on 4848", true));
    }

    @Test
    void colourCodesDoNotHideTheLevel() {
        assertEquals(LogLevel.ERROR, ZeroOutput.levelOf("\u001b[31merror:\u001b[0m disk full", false));
    }

    @Test
    void warningsAndErrorsShowAtTheDefaultLevelAndTheRestOnlyAtDebug() {
        assertEquals(LogLevel.WARN, ZeroOutput.consoleLevel("{\"level\":\"error\",\"message\":\"x\"}", false));
        assertEquals(LogLevel.WARN, ZeroOutput.consoleLevel("{\"level\":\"warn\",\"message\":\"x\"}", false));
        assertEquals(LogLevel.WARN, ZeroOutput.consoleLevel("unlabelled complaint", true));
        assertEquals(LogLevel.DEBUG, ZeroOutput.consoleLevel("{\"level\":\"info\",\"message\":\"x\"}", false));
        assertEquals(LogLevel.DEBUG, ZeroOutput.consoleLevel("{\"level\":\"debug\",\"message\":\"x\"}", false));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "error: relation \"_zero.tableMetadata\" is missing",
                "warning: Unable to create full ReplicationStatusEvent",
                "error: replication slot \"zero_0\" does not exist",
                "error: schema zero_0 does not exist",
                "error dropping replication slot",
                "Error: write EPIPE",
                "Error: This socket has been ended by the other party",
                "{\"level\":\"warn\",\"message\":\"ideal db ping time exceeded\"}",
                "{\"level\":\"warn\",\"message\":\"average ping to db is 40ms\"}",
                "(node:1) TimeoutNegativeWarning: -5 is a negative number",
                "Warning: setTimeout does not allow a negative number",
                "error: PeriodicExportingMetricReader: export failed",
                "{\"level\":\"error\",\"message\":\"OTLPExporterError: Not Found\"}",
                "{\"severity\":\"WARNING\",\"code\":\"55000\",\"message\":\"\\\"wal_level\\\" is insufficient to publish logical changes\"}"
            })
    void knownStartupNoiseShowsOnlyAtDebug(String line) {
        assertTrue(ZeroOutput.isHarmlessNoise(line), line);
        assertEquals(LogLevel.DEBUG, ZeroOutput.consoleLevel(line, true));
    }

    @Test
    void noiseMatchingIgnoresCase() {
        assertTrue(ZeroOutput.isHarmlessNoise("ERROR: REPLICATION SLOT X DOES NOT EXIST"));
        assertFalse(ZeroOutput.isHarmlessNoise("error: out of memory"));
    }
}
