package org.dotlink.sigma.correlation;

import java.util.ArrayList;

/**
 * The state of one group of one correlation: the detections in its current window, in time order, and
 * until when the group is quiet after having fired (see {@link CorrelationEngine} for why). Plain
 * mutable fields and an {@link ArrayList}, so that keyed-state serializers can store and rebuild it.
 */
public final class GroupWindow {

    /** {@link #quietUntil} when the group is not quiet. */
    public static final long NOT_QUIET = Long.MIN_VALUE;

    /** The detections of the window, oldest first. */
    public ArrayList<WindowEntry> entries = new ArrayList<>();

    /** Event time (microseconds) up to which detections are absorbed without firing again. */
    public long quietUntil = NOT_QUIET;

    /** True when nothing is held: the state can be dropped. */
    public boolean isEmpty() {
        return entries.isEmpty() && quietUntil == NOT_QUIET;
    }

    /** Adds an entry in time order (after entries of the same time). */
    void insert(WindowEntry e) {
        int at = entries.size();
        while (at > 0 && entries.get(at - 1).time() > e.time()) {
            at--;
        }
        entries.add(at, e);
    }

    /** Drops the entries older than {@code oldest}. */
    void evictBefore(long oldest) {
        int n = 0;
        while (n < entries.size() && entries.get(n).time() < oldest) {
            n++;
        }
        entries.subList(0, n).clear();
    }

    @Override
    public String toString() {
        return "GroupWindow[" + entries.size() + " entries" + (quietUntil == NOT_QUIET ? "" : ", quiet until "
                + quietUntil) + "]";
    }
}
