package org.dotlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dotlink.core.Event;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.EventSources;
import org.dotlink.ingest.InputDiscovery;
import org.dotlink.ingest.SourceIdentity;
import org.dotlink.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real EVTX file read by the EVTX reader and stored: every record once, however its path is written. */
class StoreSharedEvtxTest {

    private static final String SAMPLE = "evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";

    @TempDir
    Path tmp;

    private static List<Event> read(String path) throws Exception {
        List<Event> events = new ArrayList<>();
        EventSources sources = new EventSources(new InputDiscovery(List.of(path)));
        while (sources.hasNext()) {
            Callable<EventBatch> task = sources.next();
            EventBatch batch = task.call();
            assertEquals(List.of(), batch.problems());
            events.addAll(batch.events());
        }
        return events;
    }

    private static long count(Store store, String sql) {
        return ((Number) store.query(sql).rows().get(0).get(0)).longValue();
    }

    @Test
    void everyRecordIsStoredOnce() throws Exception {
        Path file = SharedData.dir().resolve(SAMPLE);
        List<Event> events = read(file.toString());
        assertTrue(events.size() > 100, "the sample holds " + events.size() + " records");

        // The same file, written another way, and a copy: their records are the same records.
        Path copy = Files.copy(file, tmp.resolve("copy.evtx"));
        String otherSpelling = file.getParent().resolve("../AutomatedTestingTools").resolve(file.getFileName()).toString();

        SourceIdentity identity = new SourceIdentity();
        try (Store store = Store.open(tmp.resolve("store.duckdb"))) {
            assertEquals(events.size(), store.addEvents(events, identity));
            assertEquals(events.size(), count(store, "SELECT count(*) FROM events"));
            assertEquals(0, store.addEvents(events, identity));
            assertEquals(0, store.addEvents(read(otherSpelling), identity));
            assertEquals(0, store.addEvents(read(copy.toString()), new SourceIdentity()));
            assertEquals(events.size(), count(store, "SELECT count(*) FROM events"));
            assertEquals(events.size(), count(store, "SELECT count(*) FROM events WHERE time IS NOT NULL"));
            assertEquals(events.stream().filter(e -> e.eventId() == 1).count(),
                    count(store, "SELECT count(*) FROM events WHERE event_id = 1"));
        }
    }
}
