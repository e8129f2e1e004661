package org.dotlink.cli.hunt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;

/**
 * What a hunt found, counted as findings are written: per level, rule, host, tactic and technique; plus
 * what was read, skipped and damaged. Written as {@code summary.json} and printed on the terminal; the
 * counts are those of {@code findings.jsonl}.
 */
public final class Summary {

    private static final int TOP = 10;

    private final Map<Level, Long> byLevel = new EnumMap<>(Level.class);
    private final Map<String, Long> byRule = new HashMap<>();
    private final Map<String, String> ruleTitles = new HashMap<>();
    private final Map<String, Long> byHost = new HashMap<>();
    private final Map<String, Long> byTactic = new TreeMap<>();
    private final Map<String, Long> byTechnique = new TreeMap<>();
    private final Map<String, Long> byAssetRole = new TreeMap<>();
    private long findings;
    private long correlations;
    private long recovered;

    /** Inputs and rules: filled in by the hunt when it ends. */
    public final Map<String, Object> inputs = new LinkedHashMap<>();
    public final Map<String, Object> rules = new LinkedHashMap<>();
    public final Map<String, Object> run = new LinkedHashMap<>();
    public final Map<String, Object> stories = new LinkedHashMap<>();

    public void add(Finding f) {
        findings++;
        byLevel.merge(f.level(), 1L, Long::sum);
        byRule.merge(f.rule().id(), 1L, Long::sum);
        ruleTitles.putIfAbsent(f.rule().id(), f.rule().title());
        byHost.merge(org.dotlink.core.HostNames.normalize(f.detection().host()), 1L, Long::sum);
        f.rule().tactics().forEach(t -> byTactic.merge(t, 1L, Long::sum));
        f.rule().techniques().forEach(t -> byTechnique.merge(t, 1L, Long::sum));
        if (f.assetRole() != null) {
            byAssetRole.merge(f.assetRole(), 1L, Long::sum);
        }
        correlations += f.detection().isCorrelation() ? 1 : 0;
        recovered += f.detection().event() != null && f.detection().event().recovered() ? 1 : 0;
    }

    public long findings() {
        return findings;
    }

    /** The summary as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run);
        m.put("inputs", inputs);
        m.put("rules", rules);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("total", findings);
        f.put("correlations", correlations);
        f.put("recovered", recovered);
        Map<String, Long> levels = new LinkedHashMap<>();
        for (Level l : Level.values()) {
            levels.put(l.label(), byLevel.getOrDefault(l, 0L));
        }
        f.put("by_level", levels);
        List<Map<String, Object>> topRules = new ArrayList<>();
        for (var e : top(byRule, byRule.size())) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rule_id", e.getKey());
            r.put("rule_title", ruleTitles.get(e.getKey()));
            r.put("findings", e.getValue());
            topRules.add(r);
        }
        f.put("by_rule", topRules);
        Map<String, Long> hosts = new LinkedHashMap<>();
        top(byHost, byHost.size()).forEach(e -> hosts.put(e.getKey(), e.getValue()));
        f.put("by_host", hosts);
        f.put("by_tactic", byTactic);
        f.put("by_technique", byTechnique);
        f.put("by_asset_role", byAssetRole);
        m.put("findings", f);
        m.put("stories", stories);
        return m;
    }

    public void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toMap());
    }

    /** The terminal summary: counts per level, top rules and hosts, tactics and techniques, inputs. */
    public void print(PrintWriter out) {
        out.printf("%nFindings: %,d", findings);
        if (correlations > 0) {
            out.printf(" (%,d from correlation rules)", correlations);
        }
        out.println();
        StringBuilder levels = new StringBuilder();
        for (int i = Level.values().length - 1; i >= 0; i--) {
            Level l = Level.values()[i];
            levels.append(String.format("  %s %,d", l.label(), byLevel.getOrDefault(l, 0L)));
        }
        out.println(" " + levels);
        if (findings > 0) {
            out.println("Top rules:");
            for (var e : top(byRule, TOP)) {
                out.printf("  %,8d  %s%n", e.getValue(), ruleTitles.get(e.getKey()));
            }
            out.println("Top hosts:");
            for (var e : top(byHost, TOP)) {
                out.printf("  %,8d  %s%n", e.getValue(), e.getKey().isEmpty() ? "(no host)" : e.getKey());
            }
            out.println("ATT&CK tactics:    " + counts(byTactic));
            out.println("ATT&CK techniques: " + counts(byTechnique));
        }
        out.flush();
    }

    private static String counts(Map<String, Long> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" (").append(v).append(')'));
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> m, int k) {
        return m.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(k).toList();
    }
}
