package dev.orez.replication.pgoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent decoder for the tests, written from the protocol documentation rather than from the encoders, so
 * that a layout mistake in the production code cannot cancel itself out.
 */
final class WireReader {
    private final DataInputStream in;

    WireReader(byte[] bytes) {
        this.in = new DataInputStream(new ByteArrayInputStream(bytes));
    }

    char byte1() {
        return (char) int8();
    }

    int int8() {
        try {
            return in.readUnsignedByte();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    short int16() {
        try {
            return in.readShort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int int32() {
        try {
            return in.readInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long int64() {
        try {
            return in.readLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes(int length) {
        try {
            return in.readNBytes(length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String cstring() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = int8(); b != 0; b = int8()) {
            out.write(b);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** TupleData: Int16 column count, then per column 'n' (NULL), 'u' (unchanged TOAST) or 't' Int32 length text. */
    List<String> tupleData() {
        int count = int16();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            char kind = byte1();
            switch (kind) {
                case 'n' -> values.add(null);
                case 't' -> values.add(new String(bytes(int32()), StandardCharsets.UTF_8));
                default -> fail("unexpected tuple column kind " + kind);
            }
        }
        return values;
    }

    void assertEnd() {
        try {
            assertEquals(0, in.available(), "trailing bytes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
