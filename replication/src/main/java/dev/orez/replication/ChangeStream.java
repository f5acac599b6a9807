package dev.orez.replication;

import dev.orez.replication.pgoutput.PgOutput;
import dev.orez.replication.pgoutput.RecordText;
import dev.orez.replication.pgoutput.Relation;
import dev.orez.replication.pgoutput.WalFrames;
import dev.orez.replication.wire.Messages;
import dev.orez.replication.wire.PreparedQuery;
import dev.orez.replication.wire.QueryResult;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One START_REPLICATION stream: reads captured changes after its cursor in its own turns on the application
 * engine (so only committed changes, never another client's open transaction), and sends them as pgoutput
 * protocol v1 in XLogData frames. It reads when woken by a commit, and otherwise only on a slow safety poll.
 */
final class ChangeStream {
    private static final System.Logger LOG = System.getLogger(ChangeStream.class.getName());
    private static final int BATCH = 2000;
    private static final long CONFIRM_DELAY_MILLIS = 100;

    private final ReplicationService service;
    private final ReplicationClient client;
    private final Slot slot;
    private final Set<String> publications;
    private final boolean messages;
    /** Per table, the watermark its initial copy was read at: its changes up to there are in the copy. */
    private final Map<Long, Long> copiedThrough;

    private final Map<Long, TableShape> shapes = new HashMap<>();
    /** The Relation last sent per table: sent again when the shape a change needs differs. */
    private final Map<Long, Relation> relationSent = new HashMap<>();
    /** The open transaction's messages, held until its end so messages outside it can go first. */
    private final ByteArrayOutputStream transaction = new ByteArrayOutputStream();

    private final PreparedQuery after = new PreparedQuery(Change.AFTER);
    private final PreparedQuery transactionEnd = new PreparedQuery(Change.TRANSACTION_END);
    private final PreparedQuery confirm = new PreparedQuery("SELECT _orez.confirm_slot($1, $2::pg_lsn)");
    /** Tables that had changes captured but no longer exist. */
    private final Set<Long> dropped = new HashSet<>();

    private long cursor;
    private long openTransaction = -1;
    private boolean fetching;
    private boolean fetchAgain;
    private boolean stopped;
    private boolean confirming;
    private long lastSentNanos = System.nanoTime();
    private ScheduledFuture<?> keepalives;
    private ScheduledFuture<?> safetyPolls;

    ChangeStream(
            ReplicationService service,
            ReplicationClient client,
            Slot slot,
            long cursor,
            Map<Long, Long> copiedThrough,
            Set<String> publications,
            boolean messages) {
        this.service = service;
        this.client = client;
        this.slot = slot;
        this.cursor = cursor;
        this.copiedThrough = Map.copyOf(copiedThrough);
        this.publications = Set.copyOf(publications);
        this.messages = messages;
    }

    int processId() {
        return client.processId();
    }

    String slotName() {
        return slot.name();
    }

    /** Takes the slot (55006 if another stream has it), answers CopyBothResponse and starts streaming. */
    void start() {
        if (!slot.hold(this)) {
            ChangeStream holder = slot.holder();
            throw new dev.orez.replication.wire.SqlFailure(
                    "55006",
                    "replication slot \"" + slot.name() + "\" is active for PID "
                            + (holder == null ? "?" : holder.processId()));
        }
        client.send(Messages.copyBothResponse());
        run("UPDATE _orez.slots SET active = true, active_pid = " + client.processId() + " WHERE slot_name = "
                + Sql.literal(slot.name()));
        ReplicationOptions options = service.options();
        keepalives = service.timer()
                .scheduleWithFixedDelay(
                        this::keepIdleStreamAlive,
                        options.keepaliveInterval().toMillis(),
                        options.keepaliveInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
        safetyPolls = service.timer()
                .scheduleWithFixedDelay(
                        this::wake,
                        options.safetyPoll().toMillis(),
                        options.safetyPoll().toMillis(),
                        TimeUnit.MILLISECONDS);
        wake();
    }

    /** Something may have committed: read and send it, unless a read is running (then read again after). */
    void wake() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (fetching) {
                fetchAgain = true;
                return;
            }
            fetching = true;
            fetchAgain = false;
        }
        long from;
        synchronized (this) {
            from = cursor;
        }
        client.execute(after.execute(String.valueOf(from), String.valueOf(BATCH)))
                .thenApply(after::result)
                .thenCompose(this::withTransactionEnds)
                .thenCompose(this::describeTables)
                .thenAccept(this::send)
                .whenComplete((ignored, failure) -> fetched(failure));
    }

    /** A standby status update: confirmed changes may be purged; a reply may be requested. */
    void onStandbyStatus(byte[] copyData) {
        WalFrames.standbyStatus(copyData).ifPresent(status -> {
            if (status.flushed() != 0 && slot.confirm(Lsn.watermarkAt(status.flushed()))) {
                persistConfirmation();
            }
            if (status.replyRequested()) {
                sendKeepalive(false);
            }
        });
    }

    /** pg_terminate_backend: ends the connection as a terminated walsender would. */
    void terminate() {
        client.send(Messages.fatal("57P01", "terminating connection due to administrator command"));
        client.close();
    }

    /** The client is gone or left COPY mode: lets the slot go, and records it idle (or drops a temporary one). */
    void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        if (keepalives != null) {
            keepalives.cancel(false);
            safetyPolls.cancel(false);
        }
        slot.letGo(this);
        service.streamStopped(this);
        if (slot.temporary()) {
            service.dropTemporary(slot, client);
        } else {
            run("UPDATE _orez.slots SET active = false, active_pid = NULL WHERE slot_name = "
                    + Sql.literal(slot.name()));
        }
    }

    /** Where the batch's last transaction ends: in the batch, unless the batch is full. */
    private CompletableFuture<List<Change>> withTransactionEnds(QueryResult batch) {
        List<List<String>> rows = batch.rows();
        if (rows.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<String> last = rows.get(rows.size() - 1);
        if (rows.size() < BATCH) {
            return CompletableFuture.completedFuture(Change.of(batch, Long.parseLong(last.get(0))));
        }
        return client.execute(transactionEnd.execute(last.get(1)))
                .thenApply(answer -> Change.of(
                        batch, Long.parseLong(transactionEnd.result(answer).single())));
    }

    private CompletableFuture<List<Change>> describeTables(List<Change> changes) {
        Set<Long> unknown = new HashSet<>();
        synchronized (this) {
            for (Change change : changes) {
                if (change.changesRows() && !isDescribed(change.relid())) {
                    unknown.add(change.relid());
                }
            }
        }
        if (unknown.isEmpty()) {
            return CompletableFuture.completedFuture(changes);
        }
        return client.execute(Messages.query(RelationCatalog.query(unknown, publications)))
                .thenApply(answer -> {
                    Map<Long, TableShape> described = RelationCatalog.shapes(QueryResult.of(answer));
                    synchronized (this) {
                        shapes.putAll(described);
                        unknown.stream()
                                .filter(relid -> !described.containsKey(relid))
                                .forEach(dropped::add);
                    }
                    return changes;
                });
    }

    private void send(List<Change> changes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long now = WalFrames.postgresMicros(Instant.now());
        synchronized (this) {
            if (stopped) {
                return;
            }
            for (Change change : changes) {
                if (change.changesRows() && !isDescribed(change.relid())) {
                    fetchAgain = true; // its shape changed earlier in this batch: describe it, then go on
                    break;
                }
                encode(change, now, out);
                cursor = change.watermark();
            }
            flushTransaction(out);
            if (changes.size() == BATCH) {
                fetchAgain = true;
            }
        }
        if (out.size() > 0) {
            client.send(out.toByteArray());
            lastSentNanos = System.nanoTime();
        }
        service.observed(cursor);
    }

    private void encode(Change change, long now, ByteArrayOutputStream out) {
        switch (change.kind()) {
            case 'S' -> forgetShape(change.relid());
            case 'm' -> {
                if (messages) {
                    long lsn = Lsn.ofWatermark(change.watermark());
                    out.writeBytes(frame(lsn, now, PgOutput.message(false, lsn, change.prefix(), change.content())));
                }
            }
            case 'M' -> {
                if (messages) {
                    long lsn = Lsn.ofWatermark(change.watermark());
                    begin(change, now);
                    transaction.writeBytes(
                            frame(lsn, now, PgOutput.message(true, lsn, change.prefix(), change.content())));
                }
            }
            default -> encodeRowChange(change, now);
        }
        if (change.endsTransaction() && openTransaction == change.xid()) {
            long commitLsn = Lsn.ofWatermark(change.lastInTransaction());
            transaction.writeBytes(frame(commitLsn, now, PgOutput.commit(commitLsn, commitLsn + 1, now)));
            openTransaction = -1;
            flushTransaction(out);
        }
    }

    private void encodeRowChange(Change change, long now) {
        TableShape current = shapes.get(change.relid());
        if (current == null || !current.published()) {
            return; // dropped since, or not in this stream's publications
        }
        if (change.watermark() <= copiedThrough.getOrDefault(change.relid(), 0L)) {
            return; // the slot's initial copy of the table already has it
        }
        List<String> newRow = change.newRow() == null ? null : RecordText.fields(change.newRow());
        List<String> oldRow = change.oldRow() == null ? null : RecordText.fields(change.oldRow());
        List<String> captured = newRow != null ? newRow : oldRow;
        TableShape shape = captured == null ? current : current.asCapturedWith(captured.size());
        begin(change, now);
        long lsn = Lsn.ofWatermark(change.watermark());
        if (!shape.relation().equals(relationSent.get(change.relid()))) {
            relationSent.put(change.relid(), shape.relation());
            transaction.writeBytes(frame(lsn, now, PgOutput.relation(shape.relation())));
        }
        int relid = (int) change.relid();
        byte[] message =
                switch (change.kind()) {
                    case 'I' -> PgOutput.insert(relid, shape.tuple(newRow));
                    case 'U' -> update(shape, shape.tuple(oldRow), shape.tuple(newRow));
                    case 'D' -> delete(shape, shape.tuple(oldRow));
                    default -> PgOutput.truncate(new int[] {relid}, false, false);
                };
        transaction.writeBytes(frame(lsn, now, message));
    }

    private static byte[] update(TableShape shape, List<String> oldTuple, List<String> newTuple) {
        int relid = shape.relation().oid();
        if (identifiesByFullRow(shape)) {
            return PgOutput.update(relid, 'O', oldTuple, newTuple);
        }
        if (shape.keyDiffers(oldTuple, newTuple)) {
            return PgOutput.update(relid, 'K', shape.keyOnly(oldTuple), newTuple);
        }
        return PgOutput.update(relid, null, null, newTuple);
    }

    private static byte[] delete(TableShape shape, List<String> oldTuple) {
        if (identifiesByFullRow(shape)) {
            return PgOutput.delete(shape.relation().oid(), 'O', oldTuple);
        }
        return PgOutput.delete(shape.relation().oid(), 'K', shape.keyOnly(oldTuple));
    }

    /** Replica identity FULL sends whole old rows; a table without identity gets them too, lacking a key. */
    private static boolean identifiesByFullRow(TableShape shape) {
        char identity = shape.relation().replicaIdentity();
        return identity == 'f' || identity == 'n';
    }

    private void begin(Change change, long now) {
        if (openTransaction == change.xid()) {
            return;
        }
        openTransaction = change.xid();
        long finalLsn = Lsn.ofWatermark(change.lastInTransaction());
        transaction.writeBytes(
                frame(Lsn.ofWatermark(change.watermark()), now, PgOutput.begin(finalLsn, now, (int) change.xid())));
    }

    /**
     * Sends what the transaction has so far: at its end, after the messages outside it that it carried; or
     * at the end of a batch that holds only part of it (a transaction larger than a batch).
     */
    private void flushTransaction(ByteArrayOutputStream out) {
        out.writeBytes(transaction.toByteArray());
        transaction.reset();
    }

    private boolean isDescribed(long relid) {
        return shapes.containsKey(relid) || dropped.contains(relid);
    }

    private void forgetShape(long relid) {
        if (relid == 0) {
            shapes.clear();
        } else {
            shapes.remove(relid);
        }
    }

    /** walEnd is the end of what the server has, never before the frame's own start. */
    private byte[] frame(long lsn, long now, byte[] message) {
        long walEnd = Math.max(lsn, Lsn.ofWatermark(Math.max(cursor, service.knownWatermark())));
        return WalFrames.xLogData(lsn, walEnd, now, message);
    }

    private void fetched(Throwable failure) {
        boolean again;
        synchronized (this) {
            fetching = false;
            again = fetchAgain && !stopped;
        }
        if (failure != null && !stopped) {
            LOG.log(Level.WARNING, "replication stream of slot " + slot.name() + " could not read changes", failure);
            service.timer().schedule(this::wake, 1, TimeUnit.SECONDS);
        } else if (again) {
            wake();
        }
    }

    private void keepIdleStreamAlive() {
        if (System.nanoTime() - lastSentNanos
                >= service.options().keepaliveInterval().toNanos()) {
            sendKeepalive(false);
        }
    }

    private void sendKeepalive(boolean replyRequested) {
        long position;
        synchronized (this) {
            position = Lsn.ofWatermark(cursor);
        }
        client.send(WalFrames.primaryKeepalive(position, WalFrames.postgresMicros(Instant.now()), replyRequested));
        lastSentNanos = System.nanoTime();
    }

    /**
     * Records the confirmed position and purges what every slot has confirmed. zero-cache confirms every
     * commit; one turn a little later records all that arrived meanwhile, leaving the engine to the stream.
     */
    private void persistConfirmation() {
        synchronized (this) {
            if (confirming) {
                return;
            }
            confirming = true;
        }
        service.timer().schedule(this::recordConfirmation, CONFIRM_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void recordConfirmation() {
        long confirmed = slot.confirmedWatermark();
        client.execute(confirm.execute(slot.name(), Lsn.format(Lsn.ofWatermark(confirmed))))
                .thenApply(confirm::result)
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.WARNING, "could not record the confirmed position of " + slot.name(), failure);
                    }
                    synchronized (this) {
                        confirming = false;
                    }
                    if (failure == null && slot.confirmedWatermark() > confirmed) {
                        persistConfirmation();
                    }
                });
    }

    private void run(String sql) {
        client.execute(Messages.query(sql)).thenApply(QueryResult::of).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "could not record the state of slot " + slot.name(), failure);
            }
        });
    }
}
