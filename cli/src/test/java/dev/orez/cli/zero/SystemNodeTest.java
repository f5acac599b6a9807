package dev.orez.cli.zero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemNodeTest {
    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();

    private Optional<Path> find(Map<String, String> env) throws IOException {
        return SystemNode.find(env::get, progress::add).map(NodeExecutable::path);
    }

    private static String path(Path... directories) {
        List<String> entries = new ArrayList<>();
        for (Path directory : directories) {
            entries.add(directory.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    @Test
    void theFirstExecutableNodeOnPathIsTheOneTheShellWouldRun() throws IOException {
        Path notExecutable = Files.createDirectories(dir.resolve("a"));
        Files.writeString(notExecutable.resolve("node"), "not a program");
        Path first = StandIns.nodePrinting(dir.resolve("b"), "v22.1.0");
        StandIns.nodePrinting(dir.resolve("c"), "v23.0.0");

        assertEquals(
                Optional.of(first),
                SystemNode.onPath(path(dir.resolve("missing"), notExecutable, first.getParent(), dir.resolve("c"))));
    }

    @Test
    void aNewEnoughNodeOnPathIsUsed() throws IOException {
        Path node = StandIns.nodePrinting(dir.resolve("bin"), "v22.0.0");

        assertEquals(Optional.of(node), find(Map.of("PATH", path(node.getParent()))));
    }

    @Test
    void anOldNodeOnPathIsPassedOverWithTheReason() throws IOException {
        Path node = StandIns.nodePrinting(dir.resolve("bin"), "v20.20.2");

        assertEquals(Optional.empty(), find(Map.of("PATH", path(node.getParent()))));
        assertEquals(
                List.of("the node on PATH (" + node
                        + ") is v20.20.2; zero-cache needs Node 22 or newer, so orez uses its own (kept in its cache)"),
                progress);
    }

    @Test
    void aBrokenNodeOnPathIsPassedOver() throws IOException {
        Path node = StandIns.nodePrinting(dir.resolve("bin"), "not-a-version");

        assertEquals(Optional.empty(), find(Map.of("PATH", path(node.getParent()))));
        assertTrue(progress.get(0).startsWith("the node on PATH does not work: "), progress.toString());
    }

    @Test
    void orezNodeComesBeforePath() throws IOException {
        Path chosen = StandIns.nodePrinting(dir.resolve("chosen"), "v22.9.0");
        Path onPath = StandIns.nodePrinting(dir.resolve("bin"), "v24.0.0");

        assertEquals(
                Optional.of(chosen), find(Map.of("OREZ_NODE", chosen.toString(), "PATH", path(onPath.getParent()))));
    }

    @Test
    void anOrezNodeThatDoesNotRunIsAnError() {
        IOException failure = assertThrows(
                IOException.class,
                () -> find(Map.of("OREZ_NODE", dir.resolve("nothing-here").toString())));

        assertTrue(
                failure.getMessage().startsWith("OREZ_NODE=" + dir.resolve("nothing-here") + " is not a working node"),
                failure.getMessage());
    }
}
