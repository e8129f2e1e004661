package org.dotlink.sigma.correlation;

import java.util.Collection;

/**
 * Where a {@link CorrelationEngine} keeps its per-group windows. The engine reads a group's window,
 * changes it, and always writes it back with {@link #put} (or {@link #remove}s it), so that a store
 * which serializes values (Flink keyed state) sees every change. {@link InMemoryCorrelationState} is
 * the laptop pipeline's store.
 */
public interface CorrelationState {

    /** The group's window, or null when none is held. */
    GroupWindow get(GroupKey key);

    void put(GroupKey key, GroupWindow window);

    void remove(GroupKey key);

    /**
     * The keys held now (a copy, safe to iterate while the state changes), for the engine's sweeps at
     * {@link CorrelationEngine#advanceTo} and {@link CorrelationEngine#finish}. A store that cannot list
     * its keys drives expiry per key instead, by timers calling {@link CorrelationEngine#expire}, and may
     * return an empty list.
     */
    Collection<GroupKey> keys();
}
