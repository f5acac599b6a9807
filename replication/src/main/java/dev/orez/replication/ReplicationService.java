package dev.orez.replication;

import dev.orez.pglite.PGlite;
import dev.orez.replication.wire.Messages;
import dev.orez.replication.wire.QueryResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * orez's logical replication for one application database: installs change tracking into it, and serves
 * every {@code replication=database} connection the proxy hands over (slots, exported snapshots,
 * START_REPLICATION streams). Streams are woken by the commits the database announces on a NOTIFY channel.
 */
public final class ReplicationService implements WalSenderFactory, AutoCloseable {
    static final String CHANGES_CHANNEL = "_orez_changes";
    static final String SLOTS_CHANNEL = "_orez_slots";

    private final ReplicationOptions options;
    private final SlotRegistry slots;
    private final String systemId;
    private final AtomicLong knownWatermark;
    private final AtomicInteger exportedSnapshots = new AtomicInteger();
    private final Set<ChangeStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "orez-replication-timer");
        thread.setDaemon(true);
        return thread;
    });

    private ReplicationService(ReplicationOptions options, List<Slot> slots, String systemId, long watermark) {
        this.options = options;
        this.slots = new SlotRegistry(slots);
        this.systemId = systemId;
        this.knownWatermark = new AtomicLong(watermark);
    }

    /**
     * Installs (or updates) change tracking in {@code application}'s session, before any client connects,
     * and loads the slots it keeps. The engine's session is started here if it was not yet.
     */
    public static ReplicationService install(PGlite application, ReplicationOptions options) {
        application.execProtocolRaw(Messages.startup("postgres", "postgres"));
        run(application, script());
        String publications = options.publications().isEmpty() ? "NULL" : Sql.textArray(options.publications());
        run(application, "UPDATE _orez.settings SET publications = " + publications + "; SELECT _orez.sync_tracking()");
        String systemId = run(application, "SELECT system_identifier::text FROM pg_control_system()")
                .single();
        long watermark = Long.parseLong(
                run(application, "SELECT _orez.current_watermark()").single());
        List<Slot> slots = run(
                        application,
                        "SELECT slot_name, temporary, snapshot_watermark, confirmed_watermark FROM _orez.slots")
                .rows()
                .stream()
                .map(row -> Slot.existing(
                        row.get(0), "t".equals(row.get(1)), Long.parseLong(row.get(2)), Long.parseLong(row.get(3))))
                .toList();
        return new ReplicationService(options, slots, systemId, watermark);
    }

    @Override
    public WalSender open(ReplicationClient client) {
        return new WalSenderSession(this, client);
    }

    @Override
    public Set<String> channels() {
        return Set.of(CHANGES_CHANNEL, SLOTS_CHANNEL);
    }

    @Override
    public void notified(String channel, String payload) {
        if (channel.equals(CHANGES_CHANNEL)) {
            streams.forEach(ChangeStream::wake);
        } else if (payload.startsWith("dropped:")) {
            slots.remove(payload.substring("dropped:".length()));
        } else if (payload.startsWith("terminate:")) {
            slots.streamOf(Integer.parseInt(payload.substring("terminate:".length())))
                    .ifPresent(ChangeStream::terminate);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    ReplicationOptions options() {
        return options;
    }

    SlotRegistry slots() {
        return slots;
    }

    String systemId() {
        return systemId;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** The highest watermark seen so far; the true one may be higher, never lower. */
    long knownWatermark() {
        return knownWatermark.get();
    }

    void observed(long watermark) {
        knownWatermark.accumulateAndGet(watermark, Math::max);
    }

    String nextSnapshotName() {
        return String.format("00000003-%08X-1", exportedSnapshots.incrementAndGet());
    }

    void streamStarted(ChangeStream stream) {
        streams.add(stream);
    }

    void streamStopped(ChangeStream stream) {
        streams.remove(stream);
    }

    /** A temporary slot ends with its connection. */
    void dropTemporary(Slot slot, ReplicationClient client) {
        slots.remove(slot.name());
        client.execute(Messages.query(
                "DELETE FROM _orez.slots WHERE slot_name = " + Sql.literal(slot.name()) + "; SELECT _orez.purge()"));
    }

    private static QueryResult run(PGlite engine, String sql) {
        return QueryResult.of(engine.execProtocolRaw(Messages.query(sql)));
    }

    private static String script() {
        try (InputStream in = ReplicationService.class.getResourceAsStream("change-tracking.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
