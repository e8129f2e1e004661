package org.dotlink.intel.attribution;

import java.util.Collections;
import java.util.List;
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
 * @param viaSoftware technique ids that the group's software uses and that are not in {@code used}
 * @param usedParents parent ids of the sub-techniques in {@code used} ({@code T1003} for {@code T1003.001})
 */
public record GroupProfile(Group group, Set<String> used, Set<String> viaSoftware, Set<String> usedParents) {

    /**
     * The profile of {@code group}, leaving out the campaign {@code excludedCampaign} (null to keep all): for
     * evaluating attribution on a campaign without the campaign's own contribution to its group.
     */
    public static GroupProfile of(AttackKnowledgeBase kb, Group group, String excludedCampaign) {
        return of(kb, group, excludedCampaign, true);
    }

    /** As {@link #of(AttackKnowledgeBase, Group, String)}; without {@code campaigns}, only the group's own uses. */
    public static GroupProfile of(AttackKnowledgeBase kb, Group group, String excludedCampaign, boolean campaigns) {
        Set<String> used = new TreeSet<>();
        used.addAll(kb.techniquesUsedBy(group.id()));
        used.addAll(kb.softwareUsedBy(group.id()));
        for (Campaign c : campaigns ? kb.campaignsOf(group.id()) : List.<Campaign>of()) {
            if (!c.id().equals(excludedCampaign)) {
                used.addAll(kb.techniquesUsedBy(c.id()));
                used.addAll(kb.softwareUsedBy(c.id()));
            }
        }
        Set<String> via = new TreeSet<>();
        Set<String> parents = new TreeSet<>();
        for (String id : used) {
            if (id.startsWith("S")) {
                via.addAll(kb.techniquesUsedBy(id));
            } else if (id.indexOf('.') > 0) {
                parents.add(Technique.parentOf(id));
            }
        }
        via.removeAll(used);
        return new GroupProfile(group, Collections.unmodifiableSet(used), Collections.unmodifiableSet(via),
                Collections.unmodifiableSet(parents));
    }

    /**
     * True when the group uses a technique related to {@code techniqueId} without using it: the parent of a
     * sub-technique, or a sub-technique of a parent technique.
     */
    public boolean usesRelated(String techniqueId) {
        if (!techniqueId.startsWith("T") || used.contains(techniqueId)) {
            return false;
        }
        String parent = Technique.parentOf(techniqueId);
        return parent.equals(techniqueId) ? usedParents.contains(techniqueId) : used.contains(parent);
    }
}
