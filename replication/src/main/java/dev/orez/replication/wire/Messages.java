package dev.orez.replication.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds whole protocol messages (tag, length, body) for the walsender: the replies of replication commands
 * and the simple Query messages it sends to the application database.
 */
public final class Messages {
    private static final int TEXT_TYPE = 25;

    private Messages() {}

    /** A protocol 3.0 StartupMessage, which has no tag. */
    public static byte[] startup(String user, String database) {
        byte[] body = new Body()
                .int32(196608)
                .cString("user")
                .cString(user)
                .cString("database")
                .cString(database)
                .int8(0)
                .out
                .toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 4);
        writeInt(out, body.length + 4);
        out.writeBytes(body);
        return out.toByteArray();
    }

    public static byte[] query(String sql) {
        return message('Q', new Body().cString(sql));
    }

    public static byte[] parse(String statement, String sql) {
        return message('P', new Body().cString(statement).cString(sql).int16(0));
    }

    /** Bind of the unnamed portal to {@code statement}, every parameter and result in text format. */
    public static byte[] bind(String statement, String... parameters) {
        Body body = new Body().cString("").cString(statement).int16(0).int16(parameters.length);
        for (String parameter : parameters) {
            body.value(parameter);
        }
        return message('B', body.int16(0));
    }

    public static byte[] execute() {
        return message('E', new Body().cString("").int32(0));
    }

    public static byte[] sync() {
        return message('S', new Body());
    }

    /** A RowDescription of text-format columns of the given types. */
    public static byte[] rowDescription(List<String> names, List<Integer> typeOids) {
        Body body = new Body().int16(names.size());
        for (int i = 0; i < names.size(); i++) {
            int type = typeOids.get(i);
            body.cString(names.get(i)).int32(0).int16(0).int32(type).int16(type == TEXT_TYPE ? -1 : 4);
            body.int32(-1).int16(0);
        }
        return message('T', body);
    }

    public static byte[] rowDescription(List<String> textColumns) {
        return rowDescription(
                textColumns, textColumns.stream().map(name -> TEXT_TYPE).toList());
    }

    /** A DataRow; a null value is SQL NULL. */
    public static byte[] dataRow(List<String> values) {
        Body body = new Body().int16(values.size());
        for (String value : values) {
            body.value(value);
        }
        return message('D', body);
    }

    public static byte[] commandComplete(String tag) {
        return message('C', new Body().cString(tag));
    }

    public static byte[] readyForQuery() {
        return message('Z', new Body().int8('I'));
    }

    public static byte[] error(String sqlState, String text) {
        return errorResponse("ERROR", sqlState, text);
    }

    /** An error that ends the connection. */
    public static byte[] fatal(String sqlState, String text) {
        return errorResponse("FATAL", sqlState, text);
    }

    private static byte[] errorResponse(String severity, String sqlState, String text) {
        Body body = new Body().int8('S').cString(severity).int8('V').cString(severity);
        return message(
                'E', body.int8('C').cString(sqlState).int8('M').cString(text).int8(0));
    }

    /** CopyBothResponse: text format, no columns, as a walsender starts streaming. */
    public static byte[] copyBothResponse() {
        return message('W', new Body().int8(0).int16(0));
    }

    public static byte[] copyDone() {
        return message('c', new Body());
    }

    public static byte[] concat(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            out.writeBytes(message);
        }
        return out.toByteArray();
    }

    private static byte[] message(char tag, Body body) {
        byte[] content = body.out.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 5);
        out.write(tag);
        writeInt(out, content.length + 4);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static final class Body {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body int8(int value) {
            out.write(value);
            return this;
        }

        Body int16(int value) {
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        Body int32(int value) {
            writeInt(out, value);
            return this;
        }

        Body cString(String value) {
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            return this;
        }

        /** A length-prefixed text value, or -1 for NULL, as DataRow and Bind carry them. */
        Body value(String text) {
            if (text == null) {
                return int32(-1);
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            int32(bytes.length);
            out.writeBytes(bytes);
            return this;
        }
    }
}
