package dev.orez.replication.pgoutput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgOutputTest {
    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @Test
    void beginIsByteExact() {
        byte[] message = PgOutput.begin(0x0102030405060708L, 0x1112131415161718L, 0x21222324);

        assertEquals(21, message.length);
        assertArrayEquals(hex("42 0102030405060708 1112131415161718 21222324"), message);
    }

    @Test
    void beginDecodesWithHighBitsSet() {
        WireReader in = new WireReader(PgOutput.begin(-2L, 815_000_000_000_000L, 0xFFFFFFFE));

        assertEquals('B', in.byte1());
        assertEquals(-2L, in.int64());
        assertEquals(815_000_000_000_000L, in.int64());
        assertEquals(0xFFFFFFFE, in.int32());
        in.assertEnd();
    }

    @Test
    void commitIsByteExact() {
        byte[] message = PgOutput.commit(0x0102030405060708L, 0x1112131415161718L, 0x2122232425262728L);

        assertEquals(26, message.length);
        assertArrayEquals(hex("43 00 0102030405060708 1112131415161718 2122232425262728"), message);
    }

    @Test
    void relationCarriesEveryColumnField() {
        Relation relation = new Relation(
                16_384,
                "public",
                "café",
                'f',
                List.of(
                        new Relation.Column("id", 20, -1, true),
                        new Relation.Column("naïve", 1043, 36, false),
                        new Relation.Column("tags", 1009, -1, true)));

        WireReader in = new WireReader(PgOutput.relation(relation));

        assertEquals('R', in.byte1());
        assertEquals(16_384, in.int32());
        assertEquals("public", in.cstring());
        assertEquals("café", in.cstring());
        assertEquals('f', in.byte1());
        assertEquals(3, in.int16());
        assertEquals(1, in.int8());
        assertEquals("id", in.cstring());
        assertEquals(20, in.int32());
        assertEquals(-1, in.int32());
        assertEquals(0, in.int8());
        assertEquals("naïve", in.cstring());
        assertEquals(1043, in.int32());
        assertEquals(36, in.int32());
        assertEquals(1, in.int8());
        assertEquals("tags", in.cstring());
        assertEquals(1009, in.int32());
        assertEquals(-1, in.int32());
        in.assertEnd();
    }

    @Test
    void relationWithoutColumns() {
        byte[] message = PgOutput.relation(new Relation(7, "s", "t", 'n', List.of()));

        assertArrayEquals(hex("52 00000007 7300 7400 6e 0000"), message);
    }

    @Test
    void relationRejectsUnknownReplicaIdentity() {
        assertThrows(IllegalArgumentException.class, () -> new Relation(1, "public", "t", 'x', List.of()));
    }

    @Test
    void typeNamesTheOid() {
        WireReader in = new WireReader(PgOutput.type(90_001, "public", "mood"));

        assertEquals('Y', in.byte1());
        assertEquals(90_001, in.int32());
        assertEquals("public", in.cstring());
        assertEquals("mood", in.cstring());
        in.assertEnd();
    }

    @Test
    void insertDistinguishesNullFromEmptyString() {
        byte[] message = PgOutput.insert(5, Arrays.asList("1", null, ""));

        assertArrayEquals(hex("49 00000005 4e 0003 74 00000001 31 6e 74 00000000"), message);
    }

    @Test
    void textLengthsCountUtf8Bytes() {
        WireReader in = new WireReader(PgOutput.insert(5, List.of("é", "😀", "aé😀")));

        assertEquals('I', in.byte1());
        assertEquals(5, in.int32());
        assertEquals('N', in.byte1());
        assertEquals(3, in.int16());
        assertEquals('t', in.byte1());
        assertEquals(2, in.int32());
        assertEquals("é", new String(in.bytes(2), StandardCharsets.UTF_8));
        assertEquals('t', in.byte1());
        assertEquals(4, in.int32());
        assertEquals("😀", new String(in.bytes(4), StandardCharsets.UTF_8));
        assertEquals('t', in.byte1());
        assertEquals(7, in.int32());
        assertEquals("aé😀", new String(in.bytes(7), StandardCharsets.UTF_8));
        in.assertEnd();
    }

    @Test
    void updateWithoutOldTuple() {
        WireReader in = new WireReader(PgOutput.update(9, null, null, Arrays.asList("1", null)));

        assertEquals('U', in.byte1());
        assertEquals(9, in.int32());
        assertEquals('N', in.byte1());
        assertEquals(Arrays.asList("1", null), in.tupleData());
        in.assertEnd();
    }

    @Test
    void updateWithOldKey() {
        WireReader in = new WireReader(PgOutput.update(9, 'K', Arrays.asList("1", null), List.of("2", "x")));

        assertEquals('U', in.byte1());
        assertEquals(9, in.int32());
        assertEquals('K', in.byte1());
        assertEquals(Arrays.asList("1", null), in.tupleData());
        assertEquals('N', in.byte1());
        assertEquals(List.of("2", "x"), in.tupleData());
        in.assertEnd();
    }

    @Test
    void updateWithOldRow() {
        WireReader in = new WireReader(PgOutput.update(9, 'O', List.of("1", "old"), List.of("1", "new")));

        assertEquals('U', in.byte1());
        assertEquals(9, in.int32());
        assertEquals('O', in.byte1());
        assertEquals(List.of("1", "old"), in.tupleData());
        assertEquals('N', in.byte1());
        assertEquals(List.of("1", "new"), in.tupleData());
        in.assertEnd();
    }

    @Test
    void updateRejectsBadOldTupleArguments() {
        assertThrows(IllegalArgumentException.class, () -> PgOutput.update(9, 'N', List.of("1"), List.of("1")));
        assertThrows(IllegalArgumentException.class, () -> PgOutput.update(9, null, List.of("1"), List.of("1")));
        assertThrows(NullPointerException.class, () -> PgOutput.update(9, 'K', null, List.of("1")));
    }

    @Test
    void deleteByKeyAndByRow() {
        WireReader byKey = new WireReader(PgOutput.delete(3, 'K', Arrays.asList("7", null)));
        assertEquals('D', byKey.byte1());
        assertEquals(3, byKey.int32());
        assertEquals('K', byKey.byte1());
        assertEquals(Arrays.asList("7", null), byKey.tupleData());
        byKey.assertEnd();

        WireReader byRow = new WireReader(PgOutput.delete(3, 'O', List.of("7", "")));
        assertEquals('D', byRow.byte1());
        assertEquals(3, byRow.int32());
        assertEquals('O', byRow.byte1());
        assertEquals(List.of("7", ""), byRow.tupleData());
        byRow.assertEnd();
    }

    @Test
    void deleteRejectsUnknownOldKind() {
        assertThrows(IllegalArgumentException.class, () -> PgOutput.delete(3, 'N', List.of("7")));
    }

    @Test
    void truncateOptionBits() {
        assertArrayEquals(hex("54 00000000 00"), PgOutput.truncate(new int[0], false, false));
        assertArrayEquals(hex("54 00000001 01 00000011"), PgOutput.truncate(new int[] {17}, true, false));
        assertArrayEquals(hex("54 00000001 02 00000011"), PgOutput.truncate(new int[] {17}, false, true));

        WireReader in = new WireReader(PgOutput.truncate(new int[] {17, 0x80000001}, true, true));
        assertEquals('T', in.byte1());
        assertEquals(2, in.int32());
        assertEquals(3, in.int8());
        assertEquals(17, in.int32());
        assertEquals(0x80000001, in.int32());
        in.assertEnd();
    }

    @Test
    void transactionalMessage() {
        byte[] content = {0, 1, (byte) 0xFF, 0};
        WireReader in = new WireReader(PgOutput.message(true, 0xABCDL, "zero/ü", content));

        assertEquals('M', in.byte1());
        assertEquals(1, in.int8());
        assertEquals(0xABCDL, in.int64());
        assertEquals("zero/ü", in.cstring());
        assertEquals(4, in.int32());
        assertArrayEquals(content, in.bytes(4));
        in.assertEnd();
    }

    @Test
    void nonTransactionalEmptyMessage() {
        assertArrayEquals(
                hex("4d 00 0000000000000010 7000 00000000"), PgOutput.message(false, 0x10L, "p", new byte[0]));
    }

    @Test
    void cstringsRejectEmbeddedNul() {
        assertThrows(IllegalArgumentException.class, () -> PgOutput.type(1, "pub\0lic", "t"));
    }
}
