package org.dotlink.store;

import static org.dotlink.store.TestEvents.BY_NAME;
import static org.dotlink.store.TestEvents.generated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.EventRef;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Findings of single-event and correlation rules stored in real DuckDB files. */
class StoreFindingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final RuleInfo LSASS = new RuleInfo("0d894093-71bc-43c3-8c4d-ecfc28dcf5d9", "LSASS Memory Dump",
            Level.HIGH, List.of("T1003.001"), List.of("credential-access"), List.of());
    private static final RuleInfo SPRAY = new RuleInfo("spray-1", "Password Spray", Level.MEDIUM,
            List.of("T1110.003", "T1110"), List.of("credential-access"), List.of());
    private static final RuleInfo NO_ID = new RuleInfo("", "A rule without an id", Level.LOW, List.of(), List.of(),
            List.of());

    @TempDir
    Path tmp;

    private static long count(Store store, String sql) {
        return ((Number) store.query(sql).rows().get(0).get(0)).longValue();
    }

    @Test
    void singleEventFindingsAreStoredOnceWithEveryColumn() throws Exception {
        Event e1 = generated("sec.evtx", 0);
        Event e2 = generated("sec.evtx", 1);
        List<Finding> findings = List.of(
                new Finding(Detection.of(LSASS, e1), Level.CRITICAL, "domain-controller", "story-1"),
                Finding.of(Detection.of(LSASS, e2)),
                Finding.of(Detection.of(NO_ID, e1)));
        try (Store store = Store.open(tmp.resolve("f.duckdb"))) {
            assertEquals(2, store.addEvents(List.of(e1, e2), BY_NAME));
            assertEquals(3, store.addFindings(findings, BY_NAME));
            assertEquals(0, store.addFindings(findings, BY_NAME));
            // the same detection reported differently is the same finding
            assertEquals(0, store.addFindings(List.of(Finding.of(Detection.of(LSASS, e1))), BY_NAME));
            assertEquals(3, count(store, "SELECT count(*) FROM findings"));

            QueryResult r = store.query("SELECT finding_key, record_key, time, host, channel, event_id, record_id, source,"
                    + " rule_id, rule_title, level, techniques, tactics, story, asset_role, recovered, events, fields"
                    + " FROM findings ORDER BY record_id, rule_id DESC");
            assertEquals(Arrays.asList(LSASS.id() + "/sec.evtx:4096:1", "sec.evtx:4096:1",
                    Instant.parse("2019-06-08T13:20:00Z"), "WS0.corp.example.com", "Security", 4688, 1L, "sec.evtx",
                    LSASS.id(), "LSASS Memory Dump", "critical", List.of("T1003.001"), List.of("credential-access"),
                    "story-1", "domain-controller", false, null), r.rows().get(0).subList(0, 17));
            assertEquals(e1.toMap(), JSON.readValue(((RawJson) r.rows().get(0).get(17)).text(), Map.class));
            assertEquals(Arrays.asList("title:A rule without an id/sec.evtx:4096:1", "", "low", null, null),
                    Arrays.asList(r.rows().get(1).get(0), r.rows().get(1).get(8), r.rows().get(1).get(10),
                            r.rows().get(1).get(13), r.rows().get(1).get(14)));
            assertEquals(Arrays.asList("high", null, null),
                    Arrays.asList(r.rows().get(2).get(10), r.rows().get(2).get(13), r.rows().get(2).get(14)));

            // findings join their events through the record key
            assertEquals(3, count(store, "SELECT count(*) FROM findings f JOIN events e USING (record_key)"));
        }
    }

    @Test
    void correlationFindingsStoreTheirEventList() throws Exception {
        List<EventRef> refs = List.of(
                new EventRef("dc1.evtx", 10, "2021-03-02T10:00:00.0000000Z"),
                new EventRef("dc1.evtx", 11, "2021-03-02T10:00:01.0000000Z"),
                new EventRef("archive.zip#dc2.evtx", 7, "2021-03-02T10:00:02.5000000Z"));
        Map<String, String> groupBy = new LinkedHashMap<>();
        groupBy.put("IpAddress", "10.0.0.5");
        groupBy.put("TargetDomainName", "CORP\\\"quoted\"");
        Finding corr = new Finding(Detection.correlation(SPRAY, refs, groupBy, ""), Level.HIGH, null, null);
        Finding other = Finding.of(Detection.correlation(SPRAY, refs.subList(0, 2), groupBy, "DC1"));
        try (Store store = Store.open(tmp.resolve("c.duckdb"))) {
            assertEquals(2, store.addFindings(List.of(corr, other), BY_NAME));
            assertEquals(0, store.addFindings(List.of(corr, other), BY_NAME));

            QueryResult r = store.query("SELECT finding_key, record_key, time, host, channel, event_id, record_id, source,"
                    + " level, techniques, recovered, events, fields FROM findings ORDER BY host NULLS FIRST");
            List<Object> row = r.rows().get(0);
            String key = (String) row.get(0);
            assertEquals(SPRAY.id() + "/", key.substring(0, SPRAY.id().length() + 1));
            assertEquals(SPRAY.id().length() + 1 + 32, key.length());
            assertNotEquals(key, r.rows().get(1).get(0));
            assertEquals(Arrays.asList(null, Instant.parse("2021-03-02T10:00:02.5Z"), null, null, null, null, null, "high",
                    List.of("T1110.003", "T1110"), false), row.subList(1, 11));
            assertEquals(List.of(Map.of("source", "dc1.evtx", "record_id", 10), Map.of("source", "dc1.evtx", "record_id", 11),
                            Map.of("source", "archive.zip#dc2.evtx", "record_id", 7)),
                    JSON.readValue(((RawJson) row.get(11)).text(), List.class));
            assertEquals(groupBy, JSON.readValue(((RawJson) row.get(12)).text(), Map.class));
            assertEquals("DC1", r.rows().get(1).get(3));
            assertNull(store.query("SELECT record_key FROM findings WHERE host = 'DC1'").rows().get(0).get(0));
            assertEquals("archive.zip#dc2.evtx", store.query("SELECT events->2->>'source' FROM findings"
                    + " WHERE host IS NULL").rows().get(0).get(0));
        }
    }

    @Test
    void correlationKeysFollowTheIdentityOfTheirSources() {
        List<EventRef> spelledOneWay = List.of(new EventRef("logs/dc1.evtx", 10, "2021-03-02T10:00:00Z"));
        List<EventRef> spelledAnother = List.of(new EventRef("logs/../logs/dc1.evtx", 10, "2021-03-02T10:00:00Z"));
        // an identity that, like SourceIdentity, gives both spellings one key
        org.dotlink.core.RecordIdentity normalized = s -> Path.of(s).normalize().toString();
        try (Store store = Store.open(tmp.resolve("k.duckdb"))) {
            assertEquals(1, store.addFindings(List.of(Finding.of(Detection.correlation(SPRAY, spelledOneWay, Map.of(), ""))),
                    normalized));
            assertEquals(0, store.addFindings(List.of(Finding.of(Detection.correlation(SPRAY, spelledAnother, Map.of(), ""))),
                    normalized));
        }
    }
}
