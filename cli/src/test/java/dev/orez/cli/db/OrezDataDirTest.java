package dev.orez.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrezDataDirTest {
    @TempDir
    Path temp;

    private static String ourPid() {
        return Long.toString(ProcessHandle.current().pid());
    }

    @Test
    void createsTheDirectoryWritesThePidAndRemovesItOnClose() throws IOException {
        Path dataDir = temp.resolve("nested/.orez");
        Path pidFile;
        try (OrezDataDir dir = OrezDataDir.claim(dataDir)) {
            assertTrue(Files.isDirectory(dataDir));
            pidFile = dir.pidFile();
            assertEquals(dataDir.toAbsolutePath().resolve("orez.pid"), pidFile);
            assertEquals(ourPid(), Files.readString(pidFile));
            assertEquals(dir.root().resolve("pgdata-postgres"), dir.postgresData());
            assertEquals(dir.root().resolve("pgdata-cvr"), dir.cvrData());
            assertEquals(dir.root().resolve("pgdata-cdb"), dir.cdbData());
        }
        assertFalse(Files.exists(pidFile));
    }

    @Test
    void renamesTheSingleDatabaseLayout() throws IOException {
        Files.createDirectories(temp.resolve("pgdata"));
        Files.writeString(temp.resolve("pgdata/PG_VERSION"), "17");
        try (OrezDataDir dir = OrezDataDir.claim(temp)) {
            assertFalse(Files.exists(temp.resolve("pgdata")));
            assertEquals("17", Files.readString(dir.postgresData().resolve("PG_VERSION")));
        }
    }

    @Test
    void leavesTheOldLayoutAloneWhenTheNewOneExists() throws IOException {
        Files.createDirectories(temp.resolve("pgdata"));
        Files.createDirectories(temp.resolve("pgdata-postgres"));
        try (OrezDataDir dir = OrezDataDir.claim(temp)) {
            assertTrue(Files.isDirectory(temp.resolve("pgdata")));
        }
    }

    @Test
    void refusesADirectoryARunningOrezUses() throws Exception {
        // argument 0 of the shell is its name in the command line; "; true" keeps sh from exec'ing sleep
        Process other = new ProcessBuilder("/bin/sh", "-c", "sleep 60; true", "orez-under-test").start();
        try {
            Files.createDirectories(temp.resolve("pgdata"));
            Files.writeString(temp.resolve("orez.pid"), Long.toString(other.pid()));

            StartupStepException failure = assertThrows(StartupStepException.class, () -> OrezDataDir.claim(temp));
            assertTrue(
                    failure.getMessage().contains("another orez (pid " + other.pid() + ") is using " + temp),
                    failure.getMessage());
            assertEquals(Long.toString(other.pid()), Files.readString(temp.resolve("orez.pid")));
            assertTrue(Files.isDirectory(temp.resolve("pgdata")), "the other orez's directory is left as it is");
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void replacesThePidOfAProcessThatHasEnded() throws Exception {
        Process ended = new ProcessBuilder("/bin/sh", "-c", "true", "orez-under-test").start();
        ended.waitFor(10, TimeUnit.SECONDS);
        Files.writeString(temp.resolve("orez.pid"), Long.toString(ended.pid()));

        try (OrezDataDir dir = OrezDataDir.claim(temp)) {
            assertEquals(ourPid(), Files.readString(dir.pidFile()));
        }
    }

    @Test
    void replacesThePidOfALiveProcessThatIsNotOrez() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(temp.resolve("orez.pid"), Long.toString(unrelated.pid()));
            try (OrezDataDir dir = OrezDataDir.claim(temp)) {
                assertEquals(ourPid(), Files.readString(dir.pidFile()));
            }
        } finally {
            unrelated.destroyForcibly();
            unrelated.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void replacesAPidFileThatHoldsNoNumber() throws IOException {
        Files.writeString(temp.resolve("orez.pid"), "garbage\n");
        try (OrezDataDir dir = OrezDataDir.claim(temp)) {
            assertEquals(ourPid(), Files.readString(dir.pidFile()));
        }
    }

    @Test
    void closeLeavesAFileAnotherProcessHasClaimedSince() throws IOException {
        OrezDataDir dir = OrezDataDir.claim(temp);
        Files.writeString(dir.pidFile(), "1");
        dir.close();
        assertEquals("1", Files.readString(dir.pidFile()));
    }
}
