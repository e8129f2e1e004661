package org.dotlink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.EventRef;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.dotlink.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages and counts from the in-memory {@link FindingIndex} equal those of the SQL path, as JSON, over a
 * generated store (real DuckDB): every filter alone and combined, paging edges, empty results, findings
 * without time or host, ties in time, correlations, sub-techniques, hosts written differently, and free
 * text over ASCII and non-ASCII fields.
 */
class FindingIndexEquivalenceTest {

    private static final Instant START = Instant.parse("2021-03-01T00:00:00Z");
    private static final String[] HOSTS = {"DC01.corp.example.com", "dc01", "ws001.corp.example.com",
        "WS002.corp.example.com", "ws002", "srv-files.corp.example.com", "İstanbul-ws.corp.example.com"};
    private static final String[] TECHNIQUES = {"T1003", "T1003.001", "T1003.006", "T1059.001", "T1021.002",
        "T1569.002", "T1105"};
    private static final String[] WORDS = {"mimikatz", "MimiKatz", "psexec", "İstanbul", "KELVIN \u212A",
        "Ärger", "rundll32", "payload", "C:\\Windows", "\"quoted\"", "<script>", "日本語"};
    private static final int COUNT = 12_000;

    @TempDir
    static Path dir;

    static FindingsDb db;
    static FindingsQueries sql;
    static FindingsQueries memory;

    @BeforeAll
    static void load() {
        Path file = dir.resolve("findings.duckdb");
        try (Store store = Store.open(file)) {
            assertEquals(COUNT, store.addFindings(generated(), s -> s));
        }
        db = FindingsDb.open(file);
        List<String> log = new ArrayList<>();
        FindingIndex index = FindingIndex.build(db, log::add);
        assertEquals(COUNT, index.size(), String.join("\n", log));
        sql = new FindingsQueries(db, null);
        memory = new FindingsQueries(db, index);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** Findings over 10 days with the awkward cases the SQL path has to handle. */
    static List<Finding> generated() {
        Random r = new Random(11);
        List<RuleInfo> rules = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            List<String> techniques = new ArrayList<>();
            for (int t = 0; t < r.nextInt(3); t++) {
                techniques.add(TECHNIQUES[r.nextInt(TECHNIQUES.length)]);
            }
            rules.add(new RuleInfo(i % 9 == 0 ? "" : "rule-" + i, i == 7 ? "Mimikatz Use" : "Rule " + (i % 35),
                    Level.values()[r.nextInt(Level.values().length)], techniques, List.of("execution"), List.of()));
        }
        List<Finding> out = new ArrayList<>();
        for (int n = 0; n < COUNT; n++) {
            RuleInfo rule = rules.get(r.nextInt(rules.size()));
            String host = HOSTS[r.nextInt(HOSTS.length)];
            // times in whole seconds, many shared by several findings; some events have none
            Instant time = START.plusSeconds(r.nextInt(10 * 86400));
            Detection d;
            if (n % 97 == 0) {
                List<EventRef> refs = List.of(new EventRef("logs/" + host + ".evtx", n, time.minusSeconds(60).toString()),
                        new EventRef("logs/" + host + ".evtx", n + 1, time.toString()));
                d = Detection.correlation(rule, refs, Map.of("User", "CORP\\user" + n % 13), n % 2 == 0 ? host : "");
            } else {
                Event.Builder e = Event.builder(n % 5 == 0 ? "archive.zip#Logs/" + host + "/Security.evtx" : "logs/" + host + ".evtx")
                        .offset(n).recovered(n % 31 == 0).add("EventID", String.valueOf(4688 + n % 3))
                        .add("EventRecordID", String.valueOf(n));
                if (n % 53 != 0) {
                    e.add("TimeCreated_SystemTime", time.toString());
                }
                if (n % 41 != 0) {
                    e.add("Computer", host);
                }
                e.add("Channel", n % 2 == 0 ? "Security" : "Microsoft-Windows-Sysmon/Operational")
                        .add("CommandLine", "cmd /c " + WORDS[r.nextInt(WORDS.length)] + " " + WORDS[r.nextInt(WORDS.length)])
                        .add("User", "CORP\\user" + n % 13);
                d = Detection.of(rule, e.build());
            }
            Level level = n % 17 == 0 ? Level.CRITICAL : rule.level();
            out.add(new Finding(d, level, n % 17 == 0 ? "domain-controller" : null, n % 4 == 0 ? "story-" + n % 25 : null));
        }
        return out;
    }

    private static void assertSame(Map<String, String> query, int page, int size) {
        FindingFilter filter = FindingFilter.parse(query::get);
        String expected = Json.write(sql.pageWithSql(filter, page, size));
        String actual = Json.write(memory.page(filter, page, size));
        assertEquals(expected, actual, "filter " + query + " page " + page + " size " + size);
        assertEquals(sql.count(filter), memory.count(filter), "count for " + query);
    }

    @Test
    void randomFiltersGiveTheSamePages() {
        Random r = new Random(5);
        String[] levels = {"informational", "low", "medium", "high", "critical", "high,critical", "low,medium"};
        String[] rulesAsked = {"rule-3", "Rule 4", "Mimikatz Use", "", "Rule 34", "rule-99", "Rule 1"};
        String[] hostsAsked = {"dc01", "DC01.CORP.EXAMPLE.COM", "ws002", "WS002.corp.example.com", "ws001",
            "srv-files", "nowhere", "i̇stanbul-ws.corp.example.com", "İstanbul-ws.corp.example.com"};
        String[] techniquesAsked = {"T1003", "t1003", "T1003.001", "T1059", "T1059.001", "T1105", "T9999"};
        String[] texts = {"mimikatz", "MIMIKATZ", "istanbul", "i̇stanbul", "İstanbul", "k", "kelvin k", "\u212A",
            "ärger", "dc01", "archive.zip", "security.evtx", "rule 3", "c:\\\\windows", "\\\"quoted", "<script>",
            "日本", "user7\"", "nothing-like-this"};
        int nonEmpty = 0;
        int empty = 0;
        for (int i = 0; i < 600; i++) {
            Map<String, String> q = new HashMap<>();
            int filters = 1 + r.nextInt(4);
            for (int k = 0; k < filters; k++) {
                switch (r.nextInt(7)) {
                    case 0 -> q.put("level", levels[r.nextInt(levels.length)]);
                    case 1 -> q.put("rule", rulesAsked[r.nextInt(rulesAsked.length)]);
                    case 2 -> q.put("host", hostsAsked[r.nextInt(hostsAsked.length)]);
                    case 3 -> q.put("technique", techniquesAsked[r.nextInt(techniquesAsked.length)]);
                    case 4 -> q.put("story", "story-" + r.nextInt(30));
                    case 5 -> {
                        Instant from = START.plusSeconds(r.nextInt(11 * 86400) - 86400);
                        if (r.nextInt(3) != 0) {
                            q.put("from", from.toString());
                        }
                        if (r.nextInt(3) != 0) {
                            q.put("to", from.plusSeconds(r.nextInt(3 * 86400) - 3600).toString());
                        }
                    }
                    default -> q.put("q", texts[r.nextInt(texts.length)]);
                }
            }
            long total = sql.count(FindingFilter.parse(q::get));
            if (total == 0) {
                empty++;
            } else {
                nonEmpty++;
            }
            int size = new int[] {1, 7, 50, 500}[r.nextInt(4)];
            long pages = Math.max(1, (total + size - 1) / size);
            int page = switch (r.nextInt(4)) {
                case 0 -> 1;
                case 1 -> (int) pages; // the last page, often partial
                case 2 -> (int) pages + 1; // past the end: empty
                default -> 1 + r.nextInt((int) Math.min(pages, 1000));
            };
            assertSame(q, page, size);
        }
        assertTrue(nonEmpty > 300 && empty > 20, nonEmpty + " non-empty, " + empty + " empty");
    }

    @Test
    void everyFindingInOrderWithoutFilters() {
        Map<String, String> none = Map.of();
        for (int page = 1; page <= COUNT / 500 + 1; page++) {
            assertSame(none, page, 500);
        }
        assertEquals(COUNT, memory.count(FindingFilter.NONE));
    }

    @Test
    void indexedOnlyWhenItFitsSayingSoEitherWay() throws Exception {
        List<String> log = new ArrayList<>();
        assertEquals(null, FindingIndex.build(db, log::add, 1 << 20));
        assertTrue(log.size() == 1 && log.get(0).startsWith("not indexing 12,000 findings in memory: about")
                && log.get(0).contains("queried with SQL"), log.toString());
        List<String> started = new ArrayList<>();
        try (WebServer server = WebServer.start(new WebServer.Settings("127.0.0.1", 0, null), db, HuntOutputs.none(),
                started::add)) {
            assertTrue(started.get(0).startsWith("indexing 12,000 findings in memory"), started.toString());
            assertTrue(started.get(started.size() - 1).startsWith("indexed 12,000 findings in "), started.toString());
        }
    }

    @Test
    void textSearchFindsWhatANaiveSearchFinds() {
        Random r = new Random(3);
        byte[] alphabet = "aAbBzZ@`[{\\|0 \"é".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] text = new byte[r.nextInt(40)];
            for (int j = 0; j < text.length; j++) {
                text[j] = alphabet[r.nextInt(alphabet.length)];
            }
            byte[] wanted = new byte[1 + r.nextInt(4)];
            for (int j = 0; j < wanted.length; j++) {
                byte b = alphabet[r.nextInt(alphabet.length)];
                wanted[j] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
            }
            byte[] lowered = text.clone();
            for (int j = 0; j < lowered.length; j++) {
                lowered[j] = lowered[j] >= 'A' && lowered[j] <= 'Z' ? (byte) (lowered[j] + 32) : lowered[j];
            }
            boolean expected = new String(lowered, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains(new String(wanted, java.nio.charset.StandardCharsets.ISO_8859_1));
            assertEquals(expected, FindingIndex.containsFolded(text, wanted),
                    java.util.Arrays.toString(text) + " / " + java.util.Arrays.toString(wanted));
            found += expected ? 1 : 0;
        }
        assertTrue(found > 2_000 && found < 18_000, found + " found");
    }

    @Test
    void timeBoundsAreInclusiveToTheMicrosecond() {
        // the time of a finding that shares it with others (times are whole seconds)
        String t = null;
        for (int p = 1; t == null; p++) {
            List<?> row = (List<?>) sql.pageWithSql(FindingFilter.NONE, p, 2).get("findings");
            Object a = ((Map<?, ?>) row.get(0)).get("time");
            if (a.equals(((Map<?, ?>) row.get(1)).get("time"))) {
                t = (String) a;
            }
        }
        assertSame(Map.of("from", t, "to", t), 1, 50);
        String at = t;
        assertTrue(sql.count(FindingFilter.parse(Map.of("from", at, "to", at)::get)) > 1, "findings at " + t);
        assertSame(Map.of("from", "2021-03-02T00:00:00.0000009Z", "to", "2021-03-02T00:00:00.000001Z"), 1, 50);
        assertSame(Map.of("from", "2021-03-05T00:00:00", "to", "2021-03-04T00:00:00"), 1, 50);
        assertSame(Map.of("to", "2021-03-01T00:00:00Z"), 1, 50);
        assertSame(Map.of("from", "2021-03-11T00:00:00Z"), 1, 50);
    }
}
