package dev.orez.replication;

import dev.orez.replication.wire.SqlFailure;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The slots by name; see {@link Slot} for why they live in memory first. */
final class SlotRegistry {
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    SlotRegistry(Collection<Slot> existing) {
        existing.forEach(slot -> slots.put(slot.name(), slot));
    }

    /** Adds a new slot, or fails with 42710 if the name is taken. */
    synchronized void add(Slot slot) {
        if (slots.putIfAbsent(slot.name(), slot) != null) {
            throw new SqlFailure("42710", "replication slot \"" + slot.name() + "\" already exists");
        }
    }

    /** The slot, or 42704 as Postgres says it. */
    synchronized Slot get(String name) {
        return find(name)
                .orElseThrow(() -> new SqlFailure("42704", "replication slot \"" + name + "\" does not exist"));
    }

    synchronized Optional<Slot> find(String name) {
        return Optional.ofNullable(slots.get(name));
    }

    synchronized void remove(String name) {
        slots.remove(name);
    }

    /** The stream held by the walsender with this process id, if any. */
    synchronized Optional<ChangeStream> streamOf(int processId) {
        return slots.values().stream()
                .map(Slot::holder)
                .filter(stream -> stream != null && stream.processId() == processId)
                .findFirst();
    }
}
