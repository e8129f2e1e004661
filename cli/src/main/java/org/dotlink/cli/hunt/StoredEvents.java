package org.dotlink.cli.hunt;

import java.util.ArrayList;
import java.util.List;
import org.dotlink.core.Event;
import org.dotlink.core.RecordIdentity;
import org.dotlink.store.Store;

/**
 * Events on their way into the store: collected from the batches and written in blocks, since the
 * store loads fastest in large bulk inserts. At most {@link #BLOCK} events are held at a time.
 */
public final class StoredEvents {

    /** Events per bulk insert: large enough for DuckDB to load fast, small enough to bound memory. */
    static final int BLOCK = 20_000;

    private final Store store;
    private final RecordIdentity identity;
    private final List<Event> pending = new ArrayList<>();
    private long added;

    public StoredEvents(Store store, RecordIdentity identity) {
        this.store = store;
        this.identity = identity;
    }

    public void add(List<Event> events) {
        pending.addAll(events);
        if (pending.size() >= BLOCK) {
            flush();
        }
    }

    /** Writes what is pending; the number of new events stored so far. */
    public long flush() {
        if (!pending.isEmpty()) {
            added += store.addEvents(pending, identity);
            pending.clear();
        }
        return added;
    }
}
