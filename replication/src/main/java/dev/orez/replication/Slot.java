package dev.orez.replication;

import java.util.concurrent.CompletableFuture;

/**
 * One replication slot as the replication module knows it. This object, not the {@code _orez.slots} row, is
 * the authority on whether the slot exists and who streams from it, because a replication command must be
 * answered while another client holds the engine in a transaction; the row follows in the next turn.
 */
final class Slot {
    private final String name;
    private final boolean temporary;
    /** Completes once the row exists and {@link #snapshotWatermark} is known. */
    private final CompletableFuture<Void> persisted;

    private long snapshotWatermark;
    private long confirmedWatermark;
    private ChangeStream holder;

    Slot(String name, boolean temporary, CompletableFuture<Void> persisted) {
        this.name = name;
        this.temporary = temporary;
        this.persisted = persisted;
    }

    static Slot existing(String name, boolean temporary, long snapshotWatermark, long confirmedWatermark) {
        Slot slot = new Slot(name, temporary, CompletableFuture.completedFuture(null));
        slot.snapshotWatermark = snapshotWatermark;
        slot.confirmedWatermark = confirmedWatermark;
        return slot;
    }

    String name() {
        return name;
    }

    boolean temporary() {
        return temporary;
    }

    CompletableFuture<Void> persisted() {
        return persisted;
    }

    /** The changes up to here are in the slot's exported snapshot; its stream starts after them. */
    synchronized long snapshotWatermark() {
        return snapshotWatermark;
    }

    synchronized void snapshotTaken(long watermark) {
        snapshotWatermark = watermark;
        confirmedWatermark = Math.max(confirmedWatermark, watermark);
    }

    synchronized long confirmedWatermark() {
        return confirmedWatermark;
    }

    /** Moves the confirmed position forward; never back (keepalives carry all-zero LSNs). */
    synchronized boolean confirm(long watermark) {
        if (watermark <= confirmedWatermark) {
            return false;
        }
        confirmedWatermark = watermark;
        return true;
    }

    synchronized ChangeStream holder() {
        return holder;
    }

    synchronized boolean hold(ChangeStream stream) {
        if (holder != null) {
            return false;
        }
        holder = stream;
        return true;
    }

    synchronized void letGo(ChangeStream stream) {
        if (holder == stream) {
            holder = null;
        }
    }
}
