package org.dotlink.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the generator knows: for every event of an intrusion its cluster and step, for every benign
 * look-alike that it is benign, and what each cluster is (name, the group it imitates, its hosts,
 * tools and infrastructure). Written as {@code ground-truth.json} beside the logs; events not listed
 * are ordinary benign activity.
 *
 * <p>A record is named as a finding names its event: Windows events by their file (relative to the
 * logs folder) and record number (each file holds one host's channels, whose record numbers lie in
 * ranges that do not overlap, so the number alone names the record, as a correlation's event list
 * does); IIS lines, which have no record number, by their file and the {@code cafeReqId} in their
 * query (the line number is given too).
 */
final class GroundTruth {

    /** One labelled record. */
    record Entry(String source, String channel, long recordId, long line, String requestId, Label label) {

        /** The key a finding's event has (see {@link #windowsKey} and {@link #webKey}). */
        String key() {
            return requestId != null ? webKey(source, requestId) : windowsKey(source, recordId);
        }
    }

    /** A cluster as the generator made it. */
    record Cluster(String id, String name, String imitates, List<String> hosts, List<String> accounts,
                   List<String> infrastructure, Map<String, String> tools) {}

    private final List<Entry> entries = new ArrayList<>();
    private final List<Cluster> clusters = new ArrayList<>();

    static String windowsKey(String source, long recordId) {
        return source + "#" + recordId;
    }

    static String webKey(String source, String requestId) {
        return source + "#cafeReqId=" + requestId;
    }

    void add(Entry e) {
        entries.add(e);
    }

    void addCluster(Cluster c) {
        clusters.add(c);
    }

    List<Entry> entries() {
        return entries;
    }

    List<Cluster> clusters() {
        return clusters;
    }

    /** The labels by record key. */
    Map<String, Label> byKey() {
        Map<String, Label> m = new HashMap<>();
        for (Entry e : entries) {
            m.put(e.key(), e.label());
        }
        return m;
    }

    void write(Path file, long seed, double scale, long windowsEvents, long webRequests) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scenario", "PT Sunda Telekomunikasi, 2021-03-01 to 2021-03-21: three intrusion clusters in three weeks"
                + " of ordinary activity");
        doc.put("seed", seed);
        doc.put("scale", scale);
        doc.put("windows_events", windowsEvents);
        doc.put("web_requests", webRequests);
        doc.put("note", "Records not listed are ordinary benign activity. 'cluster' marks a malicious record; "
                + "'benign' a look-alike of attacker behaviour. Windows records are named by source, channel and "
                + "record_id; IIS lines by source and the cafeReqId of their query (line is the line number).");
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Cluster c : clusters) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("name", c.name());
            m.put("imitates", c.imitates());
            m.put("hosts", c.hosts());
            m.put("accounts", c.accounts());
            m.put("infrastructure", c.infrastructure());
            m.put("tools", c.tools());
            m.put("records", entries.stream().filter(e -> c.id().equals(e.label().cluster())).count());
            cs.add(m);
        }
        doc.put("clusters", cs);
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::source).thenComparingLong(Entry::recordId).thenComparingLong(Entry::line)
                .thenComparing(e -> e.channel() == null ? "" : e.channel()));
        List<Map<String, Object>> records = new ArrayList<>();
        for (Entry e : sorted) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", e.source());
            if (e.requestId() != null) {
                m.put("line", e.line());
                m.put("cafe_req_id", e.requestId());
            } else {
                m.put("channel", e.channel());
                m.put("record_id", e.recordId());
            }
            if (e.label().malicious()) {
                m.put("cluster", e.label().cluster());
                m.put("step", e.label().what());
            } else {
                m.put("benign", e.label().what());
            }
            records.add(m);
        }
        doc.put("records", records);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    static GroundTruth read(Path file) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        GroundTruth t = new GroundTruth();
        for (JsonNode c : doc.path("clusters")) {
            List<String> hosts = new ArrayList<>();
            c.path("hosts").forEach(n -> hosts.add(n.asText()));
            List<String> accounts = new ArrayList<>();
            c.path("accounts").forEach(n -> accounts.add(n.asText()));
            List<String> infra = new ArrayList<>();
            c.path("infrastructure").forEach(n -> infra.add(n.asText()));
            Map<String, String> tools = new LinkedHashMap<>();
            c.path("tools").fields().forEachRemaining(f -> tools.put(f.getKey(), f.getValue().asText()));
            t.addCluster(new Cluster(c.path("id").asText(), c.path("name").asText(), c.path("imitates").asText(), hosts,
                    accounts, infra, tools));
        }
        for (JsonNode r : doc.path("records")) {
            Label label = r.has("cluster") ? Label.step(r.path("cluster").asText(), r.path("step").asText())
                    : Label.lookalike(r.path("benign").asText());
            if (r.has("cafe_req_id")) {
                t.add(new Entry(r.path("source").asText(), "W3C", -1, r.path("line").asLong(),
                        r.path("cafe_req_id").asText(), label));
            } else {
                t.add(new Entry(r.path("source").asText(), r.path("channel").asText(), r.path("record_id").asLong(), -1,
                        null, label));
            }
        }
        return t;
    }
}
