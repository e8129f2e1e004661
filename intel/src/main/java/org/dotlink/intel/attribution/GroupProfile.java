package org.dotlink.intel.attribution;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.Campaign;
import org.dotlink.intel.Group;
import org.dotlink.intel.Technique;

/**
 * A group's known behaviour as attribution sees it.
 *
 * @param group       the group
 * @param used        technique and software ids the group uses: its own {@code uses} relationships and those of
 *                    the campaigns attributed to it
 * @param counts      for each id in {@code used}, how many of the group's sources report it: 1 for the group's own
 *                    relationship, {@link AttributionSettings#campaignCount()} for each campaign (at least 1 in
 *                    all), plus {@link AttributionSettings#softwareCount()} for each of the group's software that
 *                    uses the technique
 * @param total       the sum of {@code counts}
 * @param viaSoftware technique ids that the group's software uses and that are not in {@code used}
 * @param viaCounts   for each id in {@code viaSoftware}, how many of the group's software use it (1 for each
 *                    without {@link AttributionSettings#viaCounts()})
 * @param viaTotal    the sum of {@code viaCounts}
 * @param usedParents parent ids of the sub-techniques in {@code used} ({@code T1003} for {@code T1003.001})
 */
public record GroupProfile(Group group, Set<String> used, Map<String, Double> counts, double total,
                           Set<String> viaSoftware, Map<String, Double> viaCounts, double viaTotal,
                           Set<String> usedParents) {

    /**
     * The profile of {@code group} under Dotlink's settings, leaving out the campaign {@code excludedCampaign}
     * (null to keep all): for evaluating attribution on a campaign without the campaign's own contribution to
     * its group.
     */
    public static GroupProfile of(AttackKnowledgeBase kb, Group group, String excludedCampaign) {
        return of(kb, group, excludedCampaign, AttributionSettings.DEFAULT);
    }

    /**
     * As {@link #of(AttackKnowledgeBase, Group, String)} under other settings (whether campaigns count, and how
     * much each source adds to an item's count).
     */
    public static GroupProfile of(AttackKnowledgeBase kb, Group group, String excludedCampaign,
                                  AttributionSettings settings) {
        Set<String> own = new TreeSet<>(kb.techniquesUsedBy(group.id()));
        own.addAll(kb.softwareUsedBy(group.id()));
        Map<String, Double> fromCampaigns = new HashMap<>();
        for (Campaign c : settings.campaigns() ? kb.campaignsOf(group.id()) : List.<Campaign>of()) {
            if (!c.id().equals(excludedCampaign)) {
                kb.techniquesUsedBy(c.id()).forEach(f -> fromCampaigns.merge(f, settings.campaignCount(), Double::sum));
                kb.softwareUsedBy(c.id()).forEach(f -> fromCampaigns.merge(f, settings.campaignCount(), Double::sum));
            }
        }
        Set<String> used = new TreeSet<>(own);
        used.addAll(fromCampaigns.keySet());
        Map<String, Double> counts = new HashMap<>();
        for (String f : used) {
            counts.put(f, Math.max(1, (own.contains(f) ? 1 : 0) + fromCampaigns.getOrDefault(f, 0.0)));
        }
        Map<String, Double> via = new HashMap<>();
        Set<String> parents = new TreeSet<>();
        for (String id : used) {
            if (id.startsWith("S")) {
                for (String t : kb.techniquesUsedBy(id)) {
                    if (used.contains(t)) {
                        counts.merge(t, settings.softwareCount(), Double::sum);
                    } else {
                        via.merge(t, 1.0, settings.viaCounts() ? Double::sum : (a, b) -> a);
                    }
                }
            } else if (id.indexOf('.') > 0) {
                parents.add(Technique.parentOf(id));
            }
        }
        return new GroupProfile(group, Collections.unmodifiableSet(used), Collections.unmodifiableMap(counts),
                sum(counts), Collections.unmodifiableSet(via.keySet()), Collections.unmodifiableMap(via), sum(via),
                Collections.unmodifiableSet(parents));
    }

    private static double sum(Map<String, Double> counts) {
        return counts.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** How many of the group's sources report {@code id} (0 when it does not use it). */
    public double count(String id) {
        return counts.getOrDefault(id, 0.0);
    }

    /** How many of the group's software use the technique {@code id} that the group is not known to use. */
    public double viaCount(String id) {
        return viaCounts.getOrDefault(id, 0.0);
    }

    /**
     * True when the group uses a sub-technique of the parent technique {@code techniqueId} without using the
     * parent itself.
     */
    public boolean usesSubTechniqueOf(String techniqueId) {
        return techniqueId.startsWith("T") && !used.contains(techniqueId)
                && Technique.parentOf(techniqueId).equals(techniqueId) && usedParents.contains(techniqueId);
    }

    /** True when the group uses the parent of the sub-technique {@code techniqueId} but not the sub-technique. */
    public boolean usesParentOf(String techniqueId) {
        String parent = Technique.parentOf(techniqueId);
        return techniqueId.startsWith("T") && !used.contains(techniqueId) && !parent.equals(techniqueId)
                && used.contains(parent);
    }
}
