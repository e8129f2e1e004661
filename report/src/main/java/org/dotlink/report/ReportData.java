package org.dotlink.report;

import java.util.List;
import java.util.Map;
import org.dotlink.core.ActivityCluster;
import org.dotlink.core.Story;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.export.TechniqueCounts;

/**
 * Everything the report shows, as the hunt has it when it ends.
 *
 * @param summary    the hunt's summary as {@code summary.json} holds it ({@code run}, {@code inputs},
 *                   {@code rules}, {@code findings}, {@code stories})
 * @param findings   the findings table (a bounded view of {@code findings.jsonl})
 * @param techniques findings per ATT&amp;CK technique
 * @param stories    the stories, best first
 * @param clusters   activity clusters, best first, with their attribution
 * @param overlaps   the pairwise overlap of the clusters
 * @param kb         the ATT&amp;CK knowledge base (technique and tactic names), or null
 * @param attackNote why attribution was skipped, or null
 */
public record ReportData(Map<String, Object> summary, FindingTable findings, TechniqueCounts techniques,
                         List<Story> stories, List<ActivityCluster> clusters, List<ActivityCluster.Overlap> overlaps,
                         AttackKnowledgeBase kb, String attackNote) {

    public ReportData {
        summary = summary == null ? Map.of() : summary;
        stories = stories == null ? List.of() : stories;
        clusters = clusters == null ? List.of() : clusters;
        overlaps = overlaps == null ? List.of() : overlaps;
        techniques = techniques == null ? new TechniqueCounts() : techniques;
    }
}
