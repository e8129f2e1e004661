package org.dotlink.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.attribution.GroupProfile;
import org.dotlink.intel.attribution.ObservedProfile;

/**
 * The baseline attribution must beat: plain TF-IDF cosine over technique and software ids. Each group is a
 * document of the ids in its profile ({@link GroupProfile#used()}: its own uses and its campaigns', the
 * evaluated campaign left out), each id counted once; {@code idf = ln(groups / groups using the id)}; the
 * observation is a document the same way; groups are ranked by the cosine of the two idf-weighted vectors.
 * No sub-technique credit, no software expansion.
 */
final class TfIdfBaseline {

    private final List<GroupProfile> profiles;
    private final Map<String, Double> idf = new HashMap<>();
    private final double[] norms;
    private final AttackKnowledgeBase kb;

    TfIdfBaseline(AttackKnowledgeBase kb, List<GroupProfile> profiles) {
        this.kb = kb;
        this.profiles = profiles;
        Map<String, Integer> df = new HashMap<>();
        for (GroupProfile p : profiles) {
            for (String f : p.used()) {
                df.merge(f, 1, Integer::sum);
            }
        }
        df.forEach((f, n) -> idf.put(f, Math.log((double) profiles.size() / n)));
        norms = new double[profiles.size()];
        for (int i = 0; i < norms.length; i++) {
            double s = 0;
            for (String f : profiles.get(i).used()) {
                s += idf.get(f) * idf.get(f);
            }
            norms[i] = Math.sqrt(s);
        }
    }

    /** Group ids, best first (ties in id order). */
    List<String> rank(ObservedProfile observed) {
        Set<String> q = new HashSet<>();
        observed.techniques().forEach(t -> q.add(kb.currentId(t)));
        observed.software().forEach(s -> q.add(kb.currentId(s)));
        double qn = 0;
        for (String f : q) {
            double w = idf.getOrDefault(f, 0.0);
            qn += w * w;
        }
        qn = Math.sqrt(qn);
        double[] score = new double[profiles.size()];
        for (int i = 0; i < score.length; i++) {
            double dot = 0;
            for (String f : q) {
                if (profiles.get(i).used().contains(f)) {
                    double w = idf.get(f);
                    dot += w * w;
                }
            }
            score[i] = qn == 0 || norms[i] == 0 ? 0 : dot / (qn * norms[i]);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < score.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparing(i -> profiles.get(i).group().id()));
        return order.stream().map(i -> profiles.get(i).group().id()).toList();
    }
}
