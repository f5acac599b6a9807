package dev.orez.cli.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlFilesTest {
    @Test
    void splitsOnTheMarkerTrimsAndDropsEmptyPieces() {
        assertEquals(
                List.of("CREATE TABLE a (id int);", "CREATE TABLE b (id int);\nCREATE TABLE c (id int);"),
                SqlFiles.split("\uFEFF  CREATE TABLE a (id int);\n--> statement-breakpoint\n\n"
                        + "--> statement-breakpoint\r\nCREATE TABLE b (id int);\nCREATE TABLE c (id int);\n"
                        + "--> statement-breakpoint"));
    }

    @Test
    void anOrdinaryCommentIsNotAMarker() {
        assertEquals(List.of("-- statement-breakpoint\nSELECT 1"), SqlFiles.split("-- statement-breakpoint\nSELECT 1"));
    }

    @Test
    void emptyTextHasNoPieces() {
        assertEquals(List.of(), SqlFiles.split(" \n "));
    }
}
