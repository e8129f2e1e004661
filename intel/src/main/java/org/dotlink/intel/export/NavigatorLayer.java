package org.dotlink.intel.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.dotlink.core.ActivityCluster;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.Technique;

/**
 * ATT&amp;CK Navigator layers (layer format 4.5, domain {@code enterprise-attack}) as JSON-ready maps:
 * techniques seen, scored by their number of findings, each with a comment naming the rules behind it;
 * and a cluster set against a group (what both have, what only one has).
 */
public final class NavigatorLayer {

    /** The layer format version written. */
    public static final String LAYER_VERSION = "4.5";
    /** The Navigator version whose format that is. */
    public static final String NAVIGATOR_VERSION = "4.9.1";

    static final String BOTH = "#b04adb";
    static final String CLUSTER_ONLY = "#ff6b4a";
    static final String GROUP_ONLY = "#66b1ff";

    private NavigatorLayer() {}

    /**
     * A heatmap of techniques by findings.
     *
     * @param counts findings per technique id
     * @param kb     for technique names in comments, or null
     */
    public static Map<String, Object> scored(String name, String description, Map<String, Long> counts,
                                             TechniqueCounts rules, AttackKnowledgeBase kb) {
        Map<String, Object> layer = header(name, description);
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
        List<Map<String, Object>> techniques = new ArrayList<>();
        counts.forEach((id, n) -> {
            StringJoiner byRule = new StringJoiner("; ", ": ", "").setEmptyValue("");
            (rules == null ? Map.<String, Long>of() : rules.topRules(id, 3))
                    .forEach((rule, k) -> byRule.add(rule + " (" + k + ")"));
            techniques.add(technique(id, n, null, n + (n == 1 ? " finding" : " findings") + byRule, kb));
        });
        layer.put("techniques", techniques);
        layer.put("gradient", Map.of("colors", List.of("#fff3b0", "#ff9a4d", "#d7301f"), "minValue", 0,
                "maxValue", Math.max(1, max)));
        layer.put("legendItems", List.of());
        return layer;
    }

    /**
     * A cluster against a group: techniques both have (scored by the cluster's findings), only the cluster
     * has (scored), only the group uses (not scored), each coloured and explained.
     *
     * @param groupTechniques the techniques ATT&amp;CK lists the group as using
     */
    public static Map<String, Object> comparison(ActivityCluster cluster, ActivityCluster.Candidate group,
                                                 Collection<String> groupTechniques, Map<String, Long> counts,
                                                 AttackKnowledgeBase kb) {
        String groupName = group.name() + " (" + group.id() + ")";
        Map<String, Object> layer = header(cluster.id() + " vs " + groupName,
                "Techniques of " + cluster.id() + " (scored by findings) against those ATT&CK lists for " + groupName
                        + "; attribution confidence " + Math.round(group.confidence() * 100) + "% ("
                        + group.confidenceLabel() + ").");
        Set<String> all = new TreeSet<>(counts.keySet());
        all.addAll(cluster.techniques());
        all.addAll(groupTechniques);
        List<Map<String, Object>> techniques = new ArrayList<>();
        for (String id : all) {
            boolean seen = counts.containsKey(id) || cluster.techniques().contains(id);
            boolean used = groupTechniques.contains(id);
            long n = counts.getOrDefault(id, 0L);
            String comment;
            String color;
            if (seen && used) {
                comment = "both: " + n + " findings in " + cluster.id() + ", used by " + groupName;
                color = BOTH;
            } else if (seen) {
                comment = "only " + cluster.id() + ": " + n + " findings; not listed for " + groupName;
                color = CLUSTER_ONLY;
            } else {
                comment = "only " + groupName + ": not seen in " + cluster.id();
                color = GROUP_ONLY;
            }
            techniques.add(technique(id, seen ? n : null, color, comment, kb));
        }
        layer.put("techniques", techniques);
        layer.put("legendItems", List.of(
                Map.of("label", "both " + cluster.id() + " and " + groupName, "color", BOTH),
                Map.of("label", "only " + cluster.id(), "color", CLUSTER_ONLY),
                Map.of("label", "only " + groupName, "color", GROUP_ONLY)));
        return layer;
    }

    private static Map<String, Object> header(String name, String description) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("name", name);
        layer.put("versions", Map.of("layer", LAYER_VERSION, "navigator", NAVIGATOR_VERSION));
        layer.put("domain", "enterprise-attack");
        layer.put("description", description);
        layer.put("filters", Map.of("platforms", List.of("Windows")));
        layer.put("sorting", 3);
        layer.put("layout", Map.of("layout", "side", "showID", true, "showName", true,
                "expandedSubtechniques", "annotated"));
        layer.put("hideDisabled", false);
        return layer;
    }

    private static Map<String, Object> technique(String id, Long score, String color, String comment,
                                                 AttackKnowledgeBase kb) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("techniqueID", id);
        if (score != null) {
            t.put("score", score);
        }
        if (color != null) {
            t.put("color", color);
        }
        t.put("comment", comment);
        t.put("enabled", true);
        String name = kb == null ? null : kb.technique(id).map(Technique::name).orElse(null);
        if (name != null) {
            t.put("metadata", List.of(Map.of("name", "technique", "value", name)));
        }
        return t;
    }
}
