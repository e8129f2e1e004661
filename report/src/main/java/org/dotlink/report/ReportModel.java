package org.dotlink.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dotlink.core.ActivityCluster;
import org.dotlink.core.Story;
import org.dotlink.core.Tactics;
import org.dotlink.intel.Tactic;
import org.dotlink.intel.Technique;

/**
 * What the report embeds, as one JSON-ready map built from a {@link ReportData}: the summary, the findings
 * table (rows as arrays, to keep 100,000 of them small), the top {@link #TOP_STORIES} stories with their
 * graphs, the ATT&amp;CK matrix of techniques seen, the top {@link #TOP_CLUSTERS} clusters with their
 * attribution, and the overlap of the top {@link #OVERLAP_CLUSTERS}.
 */
final class ReportModel {

    static final int TOP_STORIES = 10;
    static final int STORY_FINDINGS = 25;
    static final int STORY_REASONS = 12;
    static final int TOP_CLUSTERS = 30;
    static final int OVERLAP_CLUSTERS = 20;

    private ReportModel() {}

    static Map<String, Object> of(ReportData data, Instant generated) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generated", generated.toString());
        m.put("summary", data.summary());
        m.put("attackNote", data.attackNote());
        m.put("attack", data.kb() == null ? null : data.kb().source().getFileName().toString());
        m.put("findings", findings(data.findings()));
        m.put("storiesTotal", data.stories().size());
        m.put("stories", data.stories().stream().limit(TOP_STORIES).map(ReportModel::story).toList());
        m.put("matrix", matrix(data));
        m.put("clustersTotal", data.clusters().size());
        m.put("clusters", data.clusters().stream().limit(TOP_CLUSTERS).map(ReportModel::cluster).toList());
        m.put("overlap", overlap(data));
        return m;
    }

    private static Map<String, Object> findings(FindingTable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", t.total());
        m.put("limit", FindingTable.MAX_ROWS);
        List<List<Object>> rows = new ArrayList<>(t.rows().size());
        for (FindingTable.Row r : t.rows()) {
            rows.add(Arrays.asList(r.time(), r.host(), r.level(), r.rule(), String.join(" ", r.techniques()),
                    r.story(), r.details(), r.source()));
        }
        m.put("rows", rows);
        return m;
    }

    private static Map<String, Object> story(Story s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("score", s.score());
        m.put("hosts", s.hosts());
        m.put("users", s.users());
        m.put("first", s.firstSeen());
        m.put("last", s.lastSeen());
        m.put("tactics", s.tactics());
        m.put("techniques", s.techniques());
        m.put("findingsTotal", s.findings().size());
        m.put("findings", s.findings().stream().limit(STORY_FINDINGS)
                .map(f -> Arrays.asList(f.time(), f.host(), f.level(), f.ruleTitle())).toList());
        Map<String, int[]> reasons = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        for (Story.Link l : s.links()) {
            reasons.computeIfAbsent(l.reason(), k -> new int[1])[0]++;
            kinds.putIfAbsent(l.reason(), l.kind());
        }
        m.put("reasons", reasons.entrySet().stream().limit(STORY_REASONS)
                .map(e -> Arrays.asList(kinds.get(e.getKey()), e.getKey(), e.getValue()[0])).toList());
        StoryGraph g = StoryGraph.of(s);
        m.put("graph", Map.of(
                "nodes", g.nodes().stream().map(n -> List.of(n.id(), n.label(), n.kind())).toList(),
                "edges", g.edges().stream().map(e -> Arrays.asList(e.from(), e.to(), e.kind(), e.reason(), e.count()))
                        .toList()));
        return m;
    }

    /** Tactics in kill-chain order, each with the techniques seen under it and their findings. */
    private static List<Map<String, Object>> matrix(ReportData data) {
        Map<String, List<Map<String, Object>>> byTactic = new LinkedHashMap<>();
        Tactics.ORDER.forEach(t -> byTactic.put(t, new ArrayList<>()));
        data.techniques().overall().forEach((id, n) -> {
            Technique known = data.kb() == null ? null : data.kb().technique(id).orElse(null);
            List<String> tactics = known != null ? known.tactics()
                    : new ArrayList<>(data.findings().tacticsOf().getOrDefault(id, Set.of()));
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("id", id);
            cell.put("name", known == null ? null : known.name());
            cell.put("count", n);
            for (String t : tactics.isEmpty() ? List.of("unknown") : tactics) {
                byTactic.computeIfAbsent(t, k -> new ArrayList<>()).add(cell);
            }
        });
        List<Map<String, Object>> out = new ArrayList<>();
        byTactic.forEach((shortName, cells) -> {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("id", shortName);
            col.put("name", data.kb() == null ? title(shortName)
                    : data.kb().tactic(shortName).map(Tactic::name).orElse(title(shortName)));
            col.put("techniques", cells);
            out.add(col);
        });
        return out;
    }

    private static String title(String shortName) {
        StringBuilder sb = new StringBuilder();
        for (String w : shortName.split("-")) {
            if (!w.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(w.substring(0, 1).toUpperCase(Locale.ROOT))
                        .append(w.substring(1));
            }
        }
        return sb.toString();
    }

    private static Map<String, Object> cluster(ActivityCluster c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("score", c.score());
        m.put("stories", c.stories().size());
        m.put("storyIds", c.stories().stream().limit(12).toList());
        m.put("hosts", c.hosts());
        m.put("first", c.firstSeen());
        m.put("last", c.lastSeen());
        m.put("tactics", c.tactics());
        m.put("techniques", c.techniques());
        m.put("software", c.software());
        m.put("indicators", c.indicators().size());
        m.put("attribution", c.attribution().stream().map(k -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", k.id());
            a.put("name", k.name());
            a.put("score", k.score());
            a.put("confidence", k.confidence());
            a.put("label", k.confidenceLabel());
            a.put("for", k.evidenceFor());
            a.put("against", k.evidenceAgainst());
            return a;
        }).toList());
        return m;
    }

    /** The technique overlap (Jaccard) between the top clusters, as a square matrix with the shared techniques. */
    private static Map<String, Object> overlap(ReportData data) {
        List<String> ids = data.clusters().stream().limit(OVERLAP_CLUSTERS).map(ActivityCluster::id).toList();
        List<List<Object>> cells = new ArrayList<>();
        for (ActivityCluster.Overlap o : data.overlaps()) {
            int a = ids.indexOf(o.a());
            int b = ids.indexOf(o.b());
            if (a >= 0 && b >= 0) {
                cells.add(Arrays.asList(a, b, o.techniqueJaccard(), o.softwareJaccard(),
                        o.sharedTechniques().stream().limit(8).toList()));
            }
        }
        return Map.of("ids", ids, "cells", cells);
    }
}
