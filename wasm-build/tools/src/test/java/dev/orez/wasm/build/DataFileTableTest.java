package dev.orez.wasm.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataFileTableTest {
    /** The shape Emscripten's file packager leaves in pglite.js after minification. */
    private static final String LOADER = "var x=1;function runWithFS(Module){"
            + "Module[\"FS_createPath\"](\"/\",\"home\",true,true);"
            + "Module[\"FS_createPath\"](\"/home\",\"postgres\",true,true);"
            + "Module[\"FS_createPath\"](\"/pglite/lib\",\"postgresql\",true,true);"
            + "}loadPackage({files:[{filename:\"/home/postgres/.pgpass\",start:0,end:4},"
            + "{filename:\"/pglite/bin/initdb\",start:4,end:4},"
            + "{filename:\"/pglite/lib/postgresql/plpgsql.so\",start:4,end:10}],remote_package_size:10})";

    @Test
    void parsesFilesAndCreatedDirectories() {
        DataFileTable table = DataFileTable.parse(LOADER, 10);

        assertEquals(
                List.of(
                        new DataFileTable.Entry("/home/postgres/.pgpass", 0, 4),
                        new DataFileTable.Entry("/pglite/bin/initdb", 4, 4),
                        new DataFileTable.Entry("/pglite/lib/postgresql/plpgsql.so", 4, 10)),
                table.files());
        assertEquals(Set.of("/home", "/home/postgres", "/pglite/lib/postgresql"), table.directories());
    }

    @Test
    void acceptsTheUnminifiedJsonForm() {
        String json = "loadPackage({\"files\": [\n  {\"filename\": \"/a\", \"start\": 0, \"end\": 3},\n"
                + "  {\"filename\": \"/b\", \"start\": 3, \"end\": 5}\n], \"remote_package_size\": 5})";

        DataFileTable table = DataFileTable.parse(json, 5);

        assertEquals(List.of(new DataFileTable.Entry("/a", 0, 3), new DataFileTable.Entry("/b", 3, 5)), table.files());
    }

    @Test
    void rejectsASizeThatDiffersFromTheDataFile() {
        assertFailsWith("the loader script declares remote_package_size 10 but the data file is 11 bytes", LOADER, 11);
    }

    @Test
    void rejectsAnEntryItDoesNotUnderstand() {
        String audio = LOADER.replace("start:4,end:4}", "start:4,end:4,audio:0}");

        assertFailsWith(
                "malformed file table entry at character 50: {filename:\"/pglite/bin/initdb\",start:4,end:4,audio:0},"
                        + "{filename:\"/pglite/lib/pos",
                audio,
                10);
    }

    @Test
    void rejectsANonNumericOffset() {
        assertFailsWith(
                "malformed file table entry at character 0: {filename:\"/a\",start:\"0\",end:1}",
                "files:[{filename:\"/a\",start:\"0\",end:1}],remote_package_size:1",
                1);
    }

    @Test
    void rejectsEntriesWithoutASeparator() {
        assertFailsWith(
                "expected ',' between file table entries at character 29: {filename:\"/b\",start:1,end:2}",
                "files:[{filename:\"/a\",start:0,end:1}{filename:\"/b\",start:1,end:2}],remote_package_size:2",
                2);
    }

    @Test
    void rejectsAGapBetweenEntries() {
        assertFailsWith(
                "the file table does not tile the data file: /b starts at 2, expected 1",
                "files:[{filename:\"/a\",start:0,end:1},{filename:\"/b\",start:2,end:3}],remote_package_size:3",
                3);
    }

    @Test
    void rejectsOverlappingEntries() {
        assertFailsWith(
                "the file table does not tile the data file: /b starts at 1, expected 2",
                "files:[{filename:\"/a\",start:0,end:2},{filename:\"/b\",start:1,end:3}],remote_package_size:3",
                3);
    }

    @Test
    void rejectsATableThatStopsShortOfTheData() {
        assertFailsWith(
                "the file table covers 1 bytes of a 3-byte data file",
                "files:[{filename:\"/a\",start:0,end:1}],remote_package_size:3",
                3);
    }

    @Test
    void rejectsADuplicatePath() {
        assertFailsWith(
                "the file table lists /a twice",
                "files:[{filename:\"/a\",start:0,end:1},{filename:\"/a\",start:1,end:2}],remote_package_size:2",
                2);
    }

    @Test
    void rejectsAMissingTable() {
        assertFailsWith(
                "the loader script has no file table (files:[...],remote_package_size:N)",
                "loadPackage({files:[{filename:\"/a\",start:0,end:1}]})",
                1);
    }

    private static void assertFailsWith(String message, String loader, long dataLength) {
        IllegalArgumentException failure =
                assertThrows(IllegalArgumentException.class, () -> DataFileTable.parse(loader, dataLength));
        assertEquals(message, failure.getMessage());
    }
}
