package org.dotlink.intel.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dotlink.core.ActivityCluster;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.attribution.Attribution;
import org.dotlink.intel.attribution.Candidate;
import org.dotlink.intel.attribution.Evidence;
import org.dotlink.intel.attribution.ObservedProfile;

/**
 * Attribution of activity clusters, and the overlap between them: each cluster's techniques and
 * software ranked against the ATT&CK groups ({@link Attribution}), and for each pair of clusters the
 * Jaccard of their technique sets and of their software sets, with the shared techniques ranked by how
 * distinctive they are (used by the fewest ATT&CK groups first).
 */
public final class ClusterAttribution {

    private final AttackKnowledgeBase kb;
    private final Attribution attribution;

    public ClusterAttribution(AttackKnowledgeBase kb) {
        this.kb = kb;
        this.attribution = new Attribution(kb);
    }

    /** The cluster with its top {@code top} candidate groups. */
    public ActivityCluster attribute(ActivityCluster c, int top) {
        ObservedProfile observed = ObservedProfile.of(c.techniques(), c.software());
        if (observed.isEmpty()) {
            return c;
        }
        List<ActivityCluster.Candidate> out = new ArrayList<>();
        for (Candidate k : attribution.rank(observed, top)) {
            out.add(new ActivityCluster.Candidate(k.id(), k.name(), Math.round(k.score() * 1000) / 1000.0,
                    Math.round(k.confidence() * 1000) / 1000.0, k.confidenceLabel(), text(k.evidenceFor()),
                    text(k.evidenceAgainst())));
        }
        return c.withAttribution(out);
    }

    private static List<String> text(List<Evidence> evidence) {
        List<String> out = new ArrayList<>();
        for (Evidence e : evidence) {
            out.add(e.id() + " " + e.name() + (e.note() == null || e.note().isEmpty() ? "" : " (" + e.note() + ")"));
        }
        return out;
    }

    /** Every pair of clusters. */
    public List<ActivityCluster.Overlap> overlaps(List<ActivityCluster> clusters) {
        return overlaps(clusters, this::groupsUsing);
    }

    private int groupsUsing(String technique) {
        int n = 0;
        for (var g : kb.rankableGroups()) {
            if (kb.techniquesUsedBy(g.id()).contains(technique)) {
                n++;
            }
        }
        return n;
    }

    /** Overlaps with distinctiveness from {@code groupsUsing} (fewer is more distinctive). */
    public static List<ActivityCluster.Overlap> overlaps(List<ActivityCluster> clusters,
                                                         java.util.function.ToIntFunction<String> groupsUsing) {
        List<ActivityCluster.Overlap> out = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            for (int j = i + 1; j < clusters.size(); j++) {
                ActivityCluster a = clusters.get(i);
                ActivityCluster b = clusters.get(j);
                List<String> shared = new ArrayList<>(a.techniques());
                shared.retainAll(b.techniques());
                shared.sort(Comparator.comparingInt(groupsUsing).thenComparing(t -> t));
                out.add(new ActivityCluster.Overlap(a.id(), b.id(), jaccard(a.techniques(), b.techniques()),
                        jaccard(a.software(), b.software()), shared));
            }
        }
        return out;
    }

    static double jaccard(List<String> a, List<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        if (u.isEmpty()) {
            return 0;
        }
        long inter = a.stream().distinct().filter(b::contains).count();
        return Math.round(1000.0 * inter / u.size()) / 1000.0;
    }
}
