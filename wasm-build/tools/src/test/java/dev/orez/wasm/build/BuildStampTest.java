package dev.orez.wasm.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStampTest {
    private static final String TOOL_CLASS = "dev/orez/wasm/build/PinnedPackages.class";

    @TempDir
    Path dir;

    private Path output() throws IOException {
        Path output = dir.resolve("output.bin");
        if (Files.notExists(output)) {
            Files.writeString(output, "output");
        }
        return output;
    }

    private BuildStamp stamp(Class<?> tool, String input) throws IOException {
        return new BuildStamp(dir.resolve("stamp/step.stamp"), List.of(input), tool);
    }

    /** A jar holding the tool class and one more entry, with every entry dated {@code time}. */
    private Path toolJar(String name, long time, String extra) throws IOException {
        Path jar = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar));
                InputStream toolClass = BuildStampTest.class.getClassLoader().getResourceAsStream(TOOL_CLASS)) {
            ZipEntry classEntry = new ZipEntry(TOOL_CLASS);
            classEntry.setLastModifiedTime(FileTime.fromMillis(time));
            zip.putNextEntry(classEntry);
            toolClass.transferTo(zip);
            ZipEntry extraEntry = new ZipEntry("extra.txt");
            extraEntry.setLastModifiedTime(FileTime.fromMillis(time));
            zip.putNextEntry(extraEntry);
            zip.write(extra.getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    /** The stamp as the tool loaded from the jar, in a class loader of its own as exec:java does, would see it. */
    private BuildStamp stampOfToolIn(Path jar, String input) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            return stamp(Class.forName("dev.orez.wasm.build.PinnedPackages", false, loader), input);
        }
    }

    @Test
    void isCurrentOnlyForTheRecordedInputsWithEveryOutputPresent() throws Exception {
        List<Path> outputs = List.of(output());
        BuildStamp recorded = stamp(PreparePglite.class, "pkg@1 sha512-a");
        assertFalse(recorded.isCurrent(outputs), "nothing recorded yet");

        recorded.record();

        assertTrue(stamp(PreparePglite.class, "pkg@1 sha512-a").isCurrent(outputs));
        assertFalse(stamp(PreparePglite.class, "pkg@2 sha512-b").isCurrent(outputs), "another input");
        assertFalse(recorded.isCurrent(List.of(output(), dir.resolve("missing"))), "an output is missing");

        recorded.invalidate();
        assertFalse(recorded.isCurrent(outputs));
    }

    @Test
    void aRepackagedToolIsTheSameToolButChangedCodeIsNot() throws Exception {
        List<Path> outputs = List.of(output());
        stampOfToolIn(toolJar("first.jar", 1_000_000_000_000L, "v1"), "input").record();

        assertTrue(stampOfToolIn(toolJar("repackaged.jar", 1_700_000_000_000L, "v1"), "input")
                .isCurrent(outputs));
        assertFalse(stampOfToolIn(toolJar("changed.jar", 1_000_000_000_000L, "v2"), "input")
                .isCurrent(outputs));
    }
}
