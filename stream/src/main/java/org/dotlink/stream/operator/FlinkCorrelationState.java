package org.dotlink.stream.operator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.dotlink.sigma.correlation.CorrelationState;
import org.dotlink.sigma.correlation.GroupKey;
import org.dotlink.sigma.correlation.GroupWindow;
import org.dotlink.stream.codec.GroupWindowCodec;

/**
 * {@link CorrelationState} in Flink keyed state: a map state of group key (as text) to window (as bytes),
 * scoped by Flink to the key being processed, so that {@link #keys()} lists the groups of the current
 * correlation partition only. Every call reads or writes the state backend; the engine writes back each
 * window it changes, as the interface asks.
 */
final class FlinkCorrelationState implements CorrelationState {

    private final MapState<String, byte[]> groups;

    FlinkCorrelationState(MapState<String, byte[]> groups) {
        this.groups = groups;
    }

    @Override
    public GroupWindow get(GroupKey key) {
        try {
            byte[] b = groups.get(GroupWindowCodec.keyText(key));
            return b == null ? null : GroupWindowCodec.decode(b);
        } catch (Exception e) {
            throw new IllegalStateException("correlation state: could not read " + key, e);
        }
    }

    @Override
    public void put(GroupKey key, GroupWindow window) {
        try {
            groups.put(GroupWindowCodec.keyText(key), GroupWindowCodec.encode(window));
        } catch (Exception e) {
            throw new IllegalStateException("correlation state: could not write " + key, e);
        }
    }

    @Override
    public void remove(GroupKey key) {
        try {
            groups.remove(GroupWindowCodec.keyText(key));
        } catch (Exception e) {
            throw new IllegalStateException("correlation state: could not remove " + key, e);
        }
    }

    @Override
    public Collection<GroupKey> keys() {
        try {
            List<GroupKey> out = new ArrayList<>();
            for (String k : groups.keys()) {
                out.add(GroupWindowCodec.parseKey(k));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("correlation state: could not list groups", e);
        }
    }

    /** True when the current partition holds no group. */
    boolean isEmpty() {
        try {
            return groups.isEmpty();
        } catch (Exception e) {
            throw new IllegalStateException("correlation state: could not read", e);
        }
    }
}
