package dev.orez.replication;

import dev.orez.replication.ReplicationCommand.CreateSlot;
import dev.orez.replication.ReplicationCommand.DropSlot;
import dev.orez.replication.ReplicationCommand.IdentifySystem;
import dev.orez.replication.ReplicationCommand.StartReplication;
import dev.orez.replication.ReplicationCommand.Unsupported;
import dev.orez.replication.wire.Messages;
import dev.orez.replication.wire.QueryResult;
import dev.orez.replication.wire.SqlFailure;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One replication connection: answers replication commands and plain SQL in order, until START_REPLICATION
 * turns it into a {@link ChangeStream}.
 */
final class WalSenderSession implements WalSender {
    private static final System.Logger LOG = System.getLogger(WalSenderSession.class.getName());
    private static final long PERSIST_WAIT_MILLIS = 50;

    private final ReplicationService service;
    private final ReplicationClient client;
    private CompletableFuture<Void> commands = CompletableFuture.completedFuture(null);
    private volatile ChangeStream stream;
    /** Slots created TEMPORARY here: they end with this connection. */
    private final List<Slot> temporarySlots = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The slot whose snapshot this connection exports: importable until its next command. */
    private Slot exporting;

    WalSenderSession(ReplicationService service, ReplicationClient client) {
        this.service = service;
        this.client = client;
    }

    @Override
    public void onMessage(byte type, byte[] body) {
        ChangeStream streaming = stream;
        if (streaming != null) {
            duringCopy(streaming, type, body);
            return;
        }
        // In order after the command before, which may be the START_REPLICATION this message belongs to.
        synchronized (this) {
            commands = commands.thenCompose(done -> receive(type, body)).exceptionally(failure -> {
                LOG.log(Level.WARNING, "replication command failed", failure);
                return null;
            });
        }
    }

    private CompletableFuture<Void> receive(byte type, byte[] body) {
        ChangeStream streaming = stream;
        if (streaming != null) {
            duringCopy(streaming, type, body);
            return CompletableFuture.completedFuture(null);
        }
        if (type != 'Q') {
            return refuse(new SqlFailure(
                    "08P01", "unexpected message type '" + (char) type + "' on a replication connection"));
        }
        return answer(new String(body, 0, Math.max(0, body.length - 1), StandardCharsets.UTF_8));
    }

    /** Standby status updates while streaming; CopyDone ends the stream. */
    private void duringCopy(ChangeStream streaming, byte type, byte[] body) {
        if (type == 'd') {
            streaming.onStandbyStatus(body);
        } else if (type == 'c') {
            streaming.stop();
            stream = null;
            client.send(Messages.concat(
                    Messages.copyDone(), Messages.commandComplete("START_REPLICATION"), Messages.readyForQuery()));
        }
    }

    @Override
    public void onClose() {
        ChangeStream streaming = stream;
        if (streaming != null) {
            streaming.stop(); // drops its slot if temporary
        }
        endExport();
        temporarySlots.stream()
                .filter(slot -> slot.holder() == null
                        && service.slots().find(slot.name()).isPresent())
                .forEach(slot -> slot.persisted().thenRun(() -> service.dropTemporary(slot, client)));
    }

    private CompletableFuture<Void> answer(String query) {
        endExport();
        ReplicationCommand command;
        try {
            command = ReplicationCommand.parse(query);
        } catch (IllegalArgumentException e) {
            return refuse(new SqlFailure("42601", e.getMessage()));
        }
        try {
            if (command instanceof IdentifySystem) {
                return reply(identifySystem());
            } else if (command instanceof CreateSlot create) {
                return createSlot(create);
            } else if (command instanceof DropSlot drop) {
                return dropSlot(drop);
            } else if (command instanceof StartReplication start) {
                return startReplication(start);
            } else if (command instanceof Unsupported unsupported) {
                return refuse(new SqlFailure(
                        "0A000", unsupported.keyword() + " is not supported: orez offers logical replication only"));
            }
            return sql(((ReplicationCommand.Sql) command).text());
        } catch (SqlFailure failure) {
            return refuse(failure);
        }
    }

    private byte[] identifySystem() {
        String database = client.startupParameters().getOrDefault("database", "postgres");
        return Messages.concat(
                Messages.rowDescription(List.of("systemid", "timeline", "xlogpos", "dbname"), List.of(25, 23, 25, 25)),
                Messages.dataRow(List.of(
                        service.systemId(), "1", Lsn.format(Lsn.ofWatermark(service.knownWatermark())), database)),
                Messages.commandComplete("IDENTIFY_SYSTEM"));
    }

    /**
     * Answered without waiting long for the engine: zero-cache creates its slot while its own transaction
     * holds the engine. The row, and the snapshot's watermark, follow in this connection's next turn; when
     * the engine is free that is at once, and the answer waits for it.
     */
    private CompletableFuture<Void> createSlot(CreateSlot create) {
        if (!create.plugin().equals("pgoutput")) {
            throw new SqlFailure("0A000", "output plugin \"" + create.plugin() + "\" is not offered; use pgoutput");
        }
        CompletableFuture<Void> persisted = new CompletableFuture<>();
        Slot slot = new Slot(create.name(), create.temporary(), persisted);
        service.slots().add(slot);
        if (create.temporary()) {
            temporarySlots.add(slot);
        }
        String snapshot = create.exportSnapshot() ? service.nextSnapshotName() : null;
        client.execute(Messages.query("SELECT _orez.create_slot(" + Sql.literal(create.name()) + ", "
                        + create.temporary() + ", " + Sql.literal(snapshot) + ")"))
                .thenApply(answer -> Long.parseLong(QueryResult.of(answer).single()))
                .whenComplete((watermark, failure) -> {
                    if (failure != null) {
                        service.slots().remove(slot.name());
                        persisted.completeExceptionally(failure);
                    } else {
                        slot.snapshotTaken(watermark);
                        service.observed(watermark);
                        persisted.complete(null);
                    }
                });
        if (snapshot != null) {
            exporting = slot;
        }
        CompletableFuture<Void> engineBusy =
                new CompletableFuture<Void>().completeOnTimeout(null, PERSIST_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        return persisted
                .exceptionally(failure -> null)
                .applyToEither(engineBusy, done -> null)
                .thenCompose(done -> {
                    String consistentPoint = Lsn.format(Lsn.ofWatermark(service.knownWatermark()));
                    return reply(Messages.concat(
                            Messages.rowDescription(
                                    List.of("slot_name", "consistent_point", "snapshot_name", "output_plugin")),
                            Messages.dataRow(Arrays.asList(create.name(), consistentPoint, snapshot, "pgoutput")),
                            Messages.commandComplete("CREATE_REPLICATION_SLOT")));
                });
    }

    private CompletableFuture<Void> dropSlot(DropSlot drop) {
        Slot slot = service.slots().get(drop.name());
        if (slot.holder() != null) {
            throw new SqlFailure(
                    "55006",
                    "replication slot \"" + drop.name() + "\" is active for PID "
                            + slot.holder().processId());
        }
        return slot.persisted()
                .thenCompose(done -> client.execute(
                        Messages.query("SELECT _orez.drop_replication_slot(" + Sql.literal(drop.name()) + ")")))
                .thenApply(QueryResult::of)
                .thenAccept(result -> {
                    service.slots().remove(drop.name());
                    client.send(Messages.concat(
                            Messages.commandComplete("DROP_REPLICATION_SLOT"), Messages.readyForQuery()));
                })
                .exceptionally(failure -> {
                    refuse(failure);
                    return null;
                });
    }

    private CompletableFuture<Void> startReplication(StartReplication start) {
        Slot slot = service.slots().get(start.slot());
        String protocol = start.options().getOrDefault("proto_version", "1");
        if (!protocol.equals("1")) {
            throw new SqlFailure("0A000", "orez streams pgoutput protocol version 1, not " + protocol);
        }
        Set<String> publications =
                Set.of(start.options().getOrDefault("publication_names", "").split("\\s*,\\s*"));
        boolean messages = "true".equalsIgnoreCase(start.options().getOrDefault("messages", "false"));
        return slot.persisted()
                .thenCompose(done -> client.execute(
                        Messages.query("SELECT relid, watermark FROM _orez.snapshot_copies WHERE slot_name = "
                                + Sql.literal(slot.name()))))
                .thenAccept(answer -> {
                    Map<Long, Long> copiedThrough = new HashMap<>();
                    QueryResult.of(answer)
                            .rows()
                            .forEach(row -> copiedThrough.put(Long.parseLong(row.get(0)), Long.parseLong(row.get(1))));
                    // Like Postgres, a start before what the slot has confirmed resumes from the slot.
                    long from = Math.max(Lsn.watermarkAt(start.startLsn()), slot.confirmedWatermark());
                    ChangeStream started =
                            new ChangeStream(service, client, slot, from, copiedThrough, publications, messages);
                    started.start();
                    stream = started;
                    service.streamStarted(started);
                })
                .exceptionally(failure -> {
                    refuse(failure);
                    return null;
                });
    }

    /** SQL on a walsender, as zero-cache sends it; SET is answered without the engine (see createSlot). */
    private CompletableFuture<Void> sql(String text) {
        if (text.strip().toUpperCase(Locale.ROOT).startsWith("SET ")) {
            return reply(Messages.commandComplete("SET"));
        }
        return client.execute(Messages.query(client.rewrite(text))).thenAccept(client::send);
    }

    private void endExport() {
        Slot exported = exporting;
        if (exported == null) {
            return;
        }
        exporting = null;
        exported.persisted()
                .thenCompose(done ->
                        client.execute(Messages.query("UPDATE _orez.slots SET snapshot_name = NULL WHERE slot_name = "
                                + Sql.literal(exported.name()))));
    }

    private CompletableFuture<Void> reply(byte[] messages) {
        client.send(Messages.concat(messages, Messages.readyForQuery()));
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> refuse(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        byte[] error = cause instanceof SqlFailure sql
                ? Messages.error(sql.sqlState(), sql.getMessage())
                : Messages.error("XX000", String.valueOf(cause.getMessage()));
        if (!(cause instanceof SqlFailure)) {
            LOG.log(Level.WARNING, "replication command failed", cause);
        }
        return reply(error);
    }
}
