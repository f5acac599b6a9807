package dev.orez.proxy;

import dev.orez.proxy.wire.Frame;
import dev.orez.proxy.wire.MessageBody;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives one connection's named prepared statements and portals their own namespace inside the shared engine
 * session, so pgjdbc's {@code S_1} of two connections are two statements. The unnamed statement and portal
 * stay unnamed: a connection holds the engine for its whole pipeline, so nobody else can touch them. Also
 * remembers each named statement's Parse, to re-create it if the engine's session is replaced.
 */
final class StatementNames {
    private final String prefix;
    private final Map<String, Frame> parses = new LinkedHashMap<>();

    StatementNames(int connectionId) {
        this.prefix = "c" + connectionId + "_";
    }

    private String local(String name) {
        return name.isEmpty() ? name : prefix + name;
    }

    /** The frame with every statement or portal name it carries moved into this connection's namespace. */
    Frame translate(Frame frame, String rewrittenSql) {
        MessageBody in = new MessageBody(frame.body());
        return switch (frame.tag()) {
            case 'P' -> {
                String name = local(in.cString());
                in.cString();
                Frame parse = Frame.of(
                        'P',
                        new MessageBody.Builder()
                                .cString(name)
                                .cString(rewrittenSql)
                                .bytes(in.rest())
                                .build());
                if (!name.isEmpty()) {
                    parses.put(name, parse);
                }
                yield parse;
            }
            case 'B' ->
                Frame.of(
                        'B',
                        new MessageBody.Builder()
                                .cString(local(in.cString()))
                                .cString(local(in.cString()))
                                .bytes(in.rest())
                                .build());
            case 'D', 'C' -> {
                byte kind = in.byteValue();
                String name = local(in.cString());
                if (frame.tag() == 'C' && kind == 'S') {
                    parses.remove(name);
                }
                yield Frame.of(
                        frame.tag(),
                        new MessageBody.Builder().byteValue(kind).cString(name).build());
            }
            case 'E' ->
                Frame.of(
                        'E',
                        new MessageBody.Builder()
                                .cString(local(in.cString()))
                                .bytes(in.rest())
                                .build());
            default -> frame;
        };
    }

    /** Parse messages that re-create this connection's named statements in a new engine session. */
    Collection<Frame> parses() {
        return parses.values();
    }

    /** Close messages for every named statement, for when the connection goes away. */
    java.util.List<Frame> closes() {
        return parses.keySet().stream()
                .map(name -> Frame.of(
                        'C',
                        new MessageBody.Builder().byteValue('S').cString(name).build()))
                .toList();
    }
}
