package org.dotlink.store;

import static org.dotlink.store.TestEvents.BY_NAME;
import static org.dotlink.store.TestEvents.ev;
import static org.dotlink.store.TestEvents.generated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events stored in real DuckDB files: counts, no duplicates, every column read back. */
class StoreEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static long count(Store store, String sql) {
        return ((Number) store.query(sql).rows().get(0).get(0)).longValue();
    }

    private static List<Event> generatedEvents(String source, int n) {
        return IntStream.range(0, n).mapToObj(i -> generated(source, i)).toList();
    }

    @Test
    void eventsAreStoredOnceHoweverOftenTheyAreAdded() {
        List<Event> first = generatedEvents("a.evtx", 100);
        List<Event> more = new ArrayList<>(first.subList(50, 100));
        more.addAll(generatedEvents("b.evtx", 30));
        more.add(more.get(0)); // repeated within one call

        try (Store store = Store.open(tmp.resolve("db/dotlink.duckdb"))) {
            assertEquals(100, store.addEvents(first, BY_NAME));
            assertEquals(0, store.addEvents(first, BY_NAME));
            assertEquals(30, store.addEvents(more, BY_NAME));
            assertEquals(130, count(store, "SELECT count(*) FROM events"));
        }
        try (Store again = Store.open(tmp.resolve("db/dotlink.duckdb"))) {
            assertEquals(0, again.addEvents(first, BY_NAME));
            assertEquals(130, count(again, "SELECT count(*) FROM events"));
        }
    }

    @Test
    void columnsReadBackAsStored() {
        Event e = ev("logs/sec.evtx", 4608,
                FieldNames.EVENT_ID, "4688",
                FieldNames.EVENT_RECORD_ID, "12294",
                FieldNames.COMPUTER, "DC01.corp.example.com",
                FieldNames.CHANNEL, "Security",
                FieldNames.TIME_CREATED, "2019-08-14T14:06:44.4956748Z");
        Event bare = Event.builder("x.json").offset(7).recovered(true).add("Message", "no system fields").build();
        Event badTime = ev("y.json", 8, FieldNames.TIME_CREATED, "yesterday");
        try (Store store = Store.open(tmp.resolve("s.duckdb"))) {
            assertEquals(3, store.addEvents(List.of(e, bare, badTime), BY_NAME));
            QueryResult r = store.query("SELECT record_key, time, host, host_key, channel, event_id, record_id, source,"
                    + " recovered FROM events ORDER BY source");
            assertEquals(List.of("record_key", "time", "host", "host_key", "channel", "event_id", "record_id", "source",
                    "recovered"), r.columns().stream().map(Column::name).toList());
            assertEquals(List.of("VARCHAR", "TIMESTAMP", "VARCHAR", "VARCHAR", "VARCHAR", "INTEGER", "BIGINT", "VARCHAR",
                    "BOOLEAN"), r.columns().stream().map(Column::type).toList());
            assertEquals(List.of("logs/sec.evtx:4608:12294", Instant.parse("2019-08-14T14:06:44.495674Z"),
                    "DC01.corp.example.com", "dc01", "Security", 4688, 12294L, "logs/sec.evtx", false), r.rows().get(0));
            assertEquals(java.util.Arrays.asList("x.json:7:-1", null, null, null, null, null, null, "x.json", true),
                    r.rows().get(1));
            assertNull(r.rows().get(2).get(1), "an unreadable time is stored as NULL");
        }
    }

    @Test
    void fieldsRoundTripAsJsonWhateverTheyHold() throws Exception {
        String nasty = "q\"uote \\back\\slash C:\\Windows\\ é 中文 😀 \u0000\u0001\u001f\n\r\t\b\f\u007f\u2028 end";
        Event e = ev("f.evtx", 1,
                FieldNames.EVENT_RECORD_ID, "1",
                "CommandLine", nasty,
                "Data", "one", "Data", "two \"2\"", "Data", "",
                "Key \"with\" quotes\\", "v",
                "Ünïcödé", "ja");
        Event broken = ev("f.evtx", 2, FieldNames.EVENT_RECORD_ID, "2", "Bad", "lone \uD800 high, lone \uDC00 low",
                FieldNames.COMPUTER, "host\uD800");
        try (Store store = Store.open(tmp.resolve("f.duckdb"))) {
            store.addEvents(List.of(e, broken), BY_NAME);
            QueryResult r = store.query("SELECT fields, fields->>'CommandLine', json_extract(fields, '$.Data') FROM events"
                    + " ORDER BY record_id");
            RawJson stored = (RawJson) r.rows().get(0).get(0);
            Map<String, Object> expected = e.toMap();
            assertEquals(expected, JSON.readValue(stored.text(), Map.class));
            assertEquals(nasty, r.rows().get(0).get(1), "DuckDB's own JSON functions read the same value");
            assertEquals(List.of("one", "two \"2\"", ""),
                    JSON.readValue(((RawJson) r.rows().get(0).get(2)).text(), List.class));

            assertEquals("lone \uFFFD high, lone \uFFFD low",
                    JSON.readValue(((RawJson) r.rows().get(1).get(0)).text(), Map.class).get("Bad"));
            assertEquals("lone \uFFFD high, lone \uFFFD low",
                    store.query("SELECT fields->>'Bad' FROM events WHERE record_id = 2").rows().get(0).get(0));
            assertEquals("host\uFFFD", store.query("SELECT host FROM events WHERE record_id = 2").rows().get(0).get(0));
        }
    }

    @Test
    void twoHundredThousandEventsLoad() {
        List<Event> events = generatedEvents("big.evtx", 200_000);
        try (Store store = Store.open(tmp.resolve("big.duckdb"))) {
            long start = System.nanoTime();
            long added = store.addEvents(events, BY_NAME);
            double seconds = (System.nanoTime() - start) / 1e9;
            // Informational only; performance is measured in the benchmarks, not asserted here.
            System.out.printf("stored %,d events in %.2f s (%,.0f rows/s)%n", added, seconds, added / seconds);
            assertEquals(200_000, added);
            assertEquals(200_000, count(store, "SELECT count(*) FROM events"));
            assertEquals(200_000, count(store, "SELECT count(DISTINCT record_id) FROM events"));
            assertEquals(0, store.addEvents(events, BY_NAME));
            assertEquals(200_000, count(store, "SELECT count(*) FROM events"));
        }
    }
}
