package org.dotlink.cli.hunt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.core.ActivityCluster;
import org.dotlink.core.Story;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.cluster.ClusterAttribution;
import org.dotlink.intel.cluster.StoryClusterer;

/**
 * Activity clusters from the stories of a hunt, their attribution and overlap ({@code clusters.json},
 * schema in docs/OUTPUTS.md), and their lines in the terminal summary.
 */
public final class ClusterOutput {

    /** How many candidate groups each cluster lists. */
    static final int CANDIDATES = 5;

    /**
     * The clusters (attributed when a knowledge base is given) and their pairwise overlap; {@code kb} is the
     * knowledge base they were attributed against, or null (then {@code attackNote} says why).
     */
    public record Result(List<ActivityCluster> clusters, List<ActivityCluster.Overlap> overlaps, String attackNote,
                         AttackKnowledgeBase kb) {}

    private ClusterOutput() {}

    /** @param kb the ATT&CK knowledge base, or null (then {@code note} says how to get one) */
    public static Result build(List<Story> stories, AttackKnowledgeBase kb, String note) {
        List<ActivityCluster> clusters = StoryClusterer.cluster(stories);
        if (kb == null) {
            return new Result(clusters, ClusterAttribution.overlaps(clusters, t -> 0), note, null);
        }
        ClusterAttribution attribution = new ClusterAttribution(kb);
        List<ActivityCluster> attributed = clusters.stream().map(c -> attribution.attribute(c, CANDIDATES)).toList();
        return new Result(attributed, attribution.overlaps(attributed), null, kb);
    }

    public static void write(Path file, Result r) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("clusters_total", r.clusters().size());
        doc.put("attribution", r.attackNote() == null ? "ranked against the ATT&CK groups" : r.attackNote());
        doc.put("clusters", r.clusters());
        doc.put("overlap", r.overlaps());
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    public static void print(PrintWriter out, Result r, int top) {
        out.printf("Activity clusters: %d%n", r.clusters().size());
        for (ActivityCluster c : r.clusters().subList(0, Math.min(top, r.clusters().size()))) {
            String best = c.attribution().isEmpty() ? "" : "  most like " + c.attribution().get(0).name() + " ("
                    + c.attribution().get(0).id() + ", " + c.attribution().get(0).confidenceLabel() + ")";
            out.printf("  %s  score %6.1f  %2d stories  %s%s%n", c.id(), c.score(), c.stories().size(),
                    String.join(",", c.hosts()), best);
        }
        if (r.attackNote() != null) {
            out.println("  attribution skipped: " + r.attackNote());
        }
        out.flush();
    }
}
