package dev.orez.pglite;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Frontend (client → server) messages, encoded by hand for tests. */
final class Frontend {
    private Frontend() {}

    static byte[] startup(String user, String database) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInt(body, 196608); // protocol 3.0
        for (String s : new String[] {"user", user, "database", database, "client_encoding", "UTF8"}) {
            writeCString(body, s);
        }
        body.write(0);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        writeInt(message, body.size() + 4);
        message.writeBytes(body.toByteArray());
        return message.toByteArray();
    }

    static byte[] query(String sql) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeCString(body, sql);
        return typed('Q', body);
    }

    /** Parse + Bind (text parameters) + Execute + Sync, as a driver's unnamed extended query sends it. */
    static byte[] extendedQuery(String sql, String... parameters) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteArrayOutputStream parse = new ByteArrayOutputStream();
        writeCString(parse, "");
        writeCString(parse, sql);
        writeShort(parse, 0);
        all.writeBytes(typed('P', parse));
        ByteArrayOutputStream bind = new ByteArrayOutputStream();
        writeCString(bind, "");
        writeCString(bind, "");
        writeShort(bind, 0);
        writeShort(bind, parameters.length);
        for (String p : parameters) {
            byte[] value = p.getBytes(StandardCharsets.UTF_8);
            writeInt(bind, value.length);
            bind.writeBytes(value);
        }
        writeShort(bind, 0);
        all.writeBytes(typed('B', bind));
        ByteArrayOutputStream execute = new ByteArrayOutputStream();
        writeCString(execute, "");
        writeInt(execute, 0);
        all.writeBytes(typed('E', execute));
        all.writeBytes(typed('S', new ByteArrayOutputStream()));
        return all.toByteArray();
    }

    private static byte[] typed(char type, ByteArrayOutputStream body) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(type);
        writeInt(message, body.size() + 4);
        message.writeBytes(body.toByteArray());
        return message.toByteArray();
    }

    private static void writeCString(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }
}
