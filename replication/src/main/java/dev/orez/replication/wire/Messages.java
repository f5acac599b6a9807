package dev.orez.replication.wire;

import java.io.ByteArrayOutputStream;
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
        byte[] body = new WireWriter()
                .int32(196608)
                .cstring("user")
                .cstring(user)
                .cstring("database")
                .cstring(database)
                .int8(0)
                .toByteArray();
        return new WireWriter().int32(body.length + 4).bytes(body).toByteArray();
    }

    public static byte[] query(String sql) {
        return message('Q', new WireWriter().cstring(sql));
    }

    public static byte[] parse(String statement, String sql) {
        return message('P', new WireWriter().cstring(statement).cstring(sql).int16(0));
    }

    /** Bind of the unnamed portal to {@code statement}, every parameter and result in text format. */
    public static byte[] bind(String statement, String... parameters) {
        WireWriter body =
                new WireWriter().cstring("").cstring(statement).int16(0).int16(parameters.length);
        for (String parameter : parameters) {
            body.value(parameter);
        }
        return message('B', body.int16(0));
    }

    public static byte[] execute() {
        return message('E', new WireWriter().cstring("").int32(0));
    }

    public static byte[] sync() {
        return message('S', new WireWriter());
    }

    /** A RowDescription of text-format columns of the given types. */
    public static byte[] rowDescription(List<String> names, List<Integer> typeOids) {
        WireWriter body = new WireWriter().int16(names.size());
        for (int i = 0; i < names.size(); i++) {
            int type = typeOids.get(i);
            body.cstring(names.get(i)).int32(0).int16(0).int32(type).int16(type == TEXT_TYPE ? -1 : 4);
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
        WireWriter body = new WireWriter().int16(values.size());
        for (String value : values) {
            body.value(value);
        }
        return message('D', body);
    }

    public static byte[] commandComplete(String tag) {
        return message('C', new WireWriter().cstring(tag));
    }

    public static byte[] readyForQuery() {
        return message('Z', new WireWriter().int8('I'));
    }

    public static byte[] error(String sqlState, String text) {
        return errorResponse("ERROR", sqlState, text);
    }

    /** An error that ends the connection. */
    public static byte[] fatal(String sqlState, String text) {
        return errorResponse("FATAL", sqlState, text);
    }

    private static byte[] errorResponse(String severity, String sqlState, String text) {
        WireWriter body = new WireWriter().int8('S').cstring(severity).int8('V').cstring(severity);
        return message(
                'E', body.int8('C').cstring(sqlState).int8('M').cstring(text).int8(0));
    }

    /** CopyBothResponse: text format, no columns, as a walsender starts streaming. */
    public static byte[] copyBothResponse() {
        return message('W', new WireWriter().int8(0).int16(0));
    }

    public static byte[] copyDone() {
        return message('c', new WireWriter());
    }

    public static byte[] concat(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            out.writeBytes(message);
        }
        return out.toByteArray();
    }

    private static byte[] message(char tag, WireWriter body) {
        byte[] content = body.toByteArray();
        return new WireWriter()
                .int8(tag)
                .int32(content.length + 4)
                .bytes(content)
                .toByteArray();
    }
}
