package org.dotlink.sigma.correlation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Correlation state in a map, in the order groups were first seen (so that sweeps are deterministic). Not thread-safe. */
public final class InMemoryCorrelationState implements CorrelationState {

    private final Map<GroupKey, GroupWindow> windows = new LinkedHashMap<>();

    @Override
    public GroupWindow get(GroupKey key) {
        return windows.get(key);
    }

    @Override
    public void put(GroupKey key, GroupWindow window) {
        windows.put(key, window);
    }

    @Override
    public void remove(GroupKey key) {
        windows.remove(key);
    }

    @Override
    public Collection<GroupKey> keys() {
        return new ArrayList<>(windows.keySet());
    }

    /** How many groups are held. */
    public int size() {
        return windows.size();
    }
}
