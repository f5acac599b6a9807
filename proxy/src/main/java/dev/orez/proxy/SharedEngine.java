package dev.orez.proxy;

import dev.orez.pglite.PGlite;
import dev.orez.pglite.ProtocolStream;
import dev.orez.proxy.wire.BackendStream;
import dev.orez.proxy.wire.Frame;
import dev.orez.proxy.wire.MessageBody;
import dev.orez.proxy.wire.StartupPacket;
import dev.orez.replication.WalSenderFactory;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One PGlite engine shared by every connection routed to it. The engine is a single Postgres session, so
 * exactly one owner at a time may use it, from its first message until it is idle again (no transaction,
 * no open pipeline); the others queue in arrival order. Calls run on the engine's own thread, never on the
 * caller's.
 */
final class SharedEngine {
    private final String name;
    private final PGlite engine;
    private final Map<String, String> serverParameters;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Replication's notifications, on the engine it replicates; none elsewhere. */
    private volatile WalSenderFactory replication;

    private Object owner;
    private Map<String, String> appliedSettings = Map.of();
    private int generation;

    private record Waiter(Object who, CompletableFuture<Void> turn) {}

    private SharedEngine(String name, PGlite engine, Map<String, String> serverParameters) {
        this.name = name;
        this.engine = engine;
        this.serverParameters = serverParameters;
    }

    /** Starts the engine's one session and learns the parameters it reports, for every client's startup. */
    static SharedEngine start(String name, PGlite engine) {
        byte[] startup = new StartupPacket(
                        StartupPacket.PROTOCOL_3,
                        new MessageBody.Builder()
                                .cString("user")
                                .cString("postgres")
                                .cString("database")
                                .cString("postgres")
                                .byteValue(0)
                                .build())
                .encode();
        Map<String, String> parameters = new LinkedHashMap<>();
        new BackendStream().pass(engine.execProtocolRaw(startup), (type, buffer, start, length) -> {
            if (type == 'S') {
                MessageBody body = new MessageBody(Arrays.copyOfRange(buffer, start, start + length));
                parameters.put(body.cString(), body.cString());
            }
            return false;
        });
        return new SharedEngine(name, engine, Map.copyOf(parameters));
    }

    /**
     * Makes this the replicated engine: its session LISTENs on replication's channels, and their notifications
     * go to {@code factory} instead of to clients.
     */
    void replicatedBy(WalSenderFactory factory) {
        replication = factory;
        listen();
    }

    /** Passes a NotificationResponse on replication's channels to replication; false for any other. */
    boolean consumeNotification(byte[] buffer, int start, int length) {
        WalSenderFactory factory = replication;
        if (factory == null) {
            return false;
        }
        MessageBody body = new MessageBody(Arrays.copyOfRange(buffer, start, start + length));
        body.int32(); // the notifying process: always the engine's own session
        String channel = body.cString();
        if (!factory.channels().contains(channel)) {
            return false;
        }
        factory.notified(channel, body.cString());
        return true;
    }

    /** LISTEN is session state: a new session (after a FATAL) listens again. */
    private void listen() {
        WalSenderFactory factory = replication;
        if (factory == null || factory.channels().isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        factory.channels()
                .forEach(channel -> sql.append("LISTEN \"").append(channel).append("\";"));
        engine.execProtocolRaw(
                Frame.of('Q', new MessageBody.Builder().cString(sql.toString()).build())
                        .encode());
    }

    String name() {
        return name;
    }

    /** What the engine reported at startup (server_version, DateStyle, ...). */
    Map<String, String> serverParameters() {
        return serverParameters;
    }

    String serverVersion() {
        return serverParameters.getOrDefault("server_version", "18");
    }

    /** Completes when {@code who} owns the engine; at once if it already does or nobody does. */
    CompletableFuture<Void> acquire(Object who) {
        synchronized (this) {
            if (owner == null || owner == who) {
                owner = who;
                return CompletableFuture.completedFuture(null);
            }
            Waiter waiter = new Waiter(who, new CompletableFuture<>());
            waiters.add(waiter);
            return waiter.turn;
        }
    }

    /** Hands the engine to the longest waiter. Releasing what one does not own does nothing. */
    void release(Object who) {
        Waiter next;
        synchronized (this) {
            if (owner != who) {
                waiters.removeIf(waiter -> waiter.who == who); // gave up while waiting
                return;
            }
            next = waiters.poll();
            owner = next == null ? null : next.who;
        }
        if (next != null) {
            next.turn.complete(null);
        }
    }

    synchronized boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    /** Runs whole frontend messages for the owner. */
    CompletableFuture<byte[]> execute(byte[] messages, ProtocolStream stream) {
        return engine.execProtocol(messages, stream);
    }

    /** Cancels the statement running now, if any (a CancelRequest for the owner). */
    boolean cancel() {
        return engine.cancel();
    }

    /** The settings the engine's session has now, beyond its defaults (only the owner asks). */
    synchronized Map<String, String> appliedSettings() {
        return appliedSettings;
    }

    synchronized void settingsApplied(Map<String, String> settings) {
        appliedSettings = Map.copyOf(settings);
    }

    /** Counts engine sessions: after a FATAL the engine starts a new one, empty of settings and statements. */
    synchronized int generation() {
        return generation;
    }

    void sessionReplaced() {
        synchronized (this) {
            generation++;
            appliedSettings = Map.of();
        }
        listen();
    }
}
