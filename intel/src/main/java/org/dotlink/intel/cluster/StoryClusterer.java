package org.dotlink.intel.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dotlink.core.ActivityCluster;
import org.dotlink.core.Story;
import org.dotlink.core.Tactics;

/**
 * Groups stories into activity clusters: one actor's work across hosts and time.
 *
 * <p>Each story is described by what it did and with what, never by where: its ATT&CK techniques
 * ({@code T:}), software ({@code S:}) and indicators ({@code ip:}, {@code domain:}, {@code hash:},
 * {@code file:}, {@code account:}). Two stories are similar by weighted Jaccard over these features,
 * each feature weighted by its rarity among the stories ({@code ln(1 + N / stories with it)}), with
 * indicators counting {@link #INDICATOR_WEIGHT} times as much as a technique (shared infrastructure or
 * an identical tool binary is stronger evidence of one actor than a shared technique). Stories whose
 * similarity is at least {@link #THRESHOLD} are joined (single linkage); hosts are deliberately not a
 * feature, so that two actors on the same servers at the same time stay apart when their tools,
 * techniques and infrastructure differ. Stories with identical features are joined at once, and only
 * pairs sharing a feature held by at most {@link #MAX_POSTINGS} distinct stories are compared, so that
 * the work grows with the stories' overlap rather than with their number squared. Stories of a single finding below
 * {@link #MIN_STORY_SCORE} are left out as noise.
 */
public final class StoryClusterer {

    /** Weighted Jaccard at or above which two stories are one actor's. */
    public static final double THRESHOLD = 0.2;
    /** How much more an indicator weighs than a technique or software. */
    public static final double INDICATOR_WEIGHT = 2.0;
    /** Features shared by more distinct stories than this are not used to find candidate pairs. */
    static final int MAX_POSTINGS = 2_000;
    /** One-finding stories scoring less than this are not clustered. */
    public static final double MIN_STORY_SCORE = 5.0;

    private StoryClusterer() {}

    public static List<ActivityCluster> cluster(List<Story> stories) {
        List<Story> kept = stories.stream().filter(s -> s.findings().size() > 1 || s.score() >= MIN_STORY_SCORE).toList();
        int n = kept.size();
        List<Set<String>> features = new ArrayList<>();
        Map<String, Integer> df = new HashMap<>();
        for (Story s : kept) {
            Set<String> f = features(s);
            features.add(f);
            f.forEach(x -> df.merge(x, 1, Integer::sum));
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        // stories with the same features are one actor's; compare only the distinct feature sets, and each
        // only with those sharing a feature that is not in nearly every story (such a feature weighs little)
        Map<Set<String>, Integer> firstWithSet = new HashMap<>();
        List<Integer> distinct = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Integer same = firstWithSet.putIfAbsent(features.get(i), i);
            if (same != null) {
                union(parent, i, same);
            } else {
                distinct.add(i);
            }
        }
        Map<String, List<Integer>> postings = new HashMap<>();
        for (int i : distinct) {
            for (String f : features.get(i)) {
                postings.computeIfAbsent(f, k -> new ArrayList<>()).add(i);
            }
        }
        for (int i : distinct) {
            Set<Integer> candidates = new HashSet<>();
            for (String f : features.get(i)) {
                List<Integer> p = postings.get(f);
                if (p.size() <= MAX_POSTINGS) {
                    for (int j : p) {
                        if (j > i) {
                            candidates.add(j);
                        }
                    }
                }
            }
            for (int j : candidates) {
                if (find(parent, i) != find(parent, j) && similarity(features.get(i), features.get(j), df, n) >= THRESHOLD) {
                    union(parent, i, j);
                }
            }
        }
        Map<Integer, List<Story>> groups = new HashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(kept.get(i));
        }
        List<ActivityCluster> clusters = new ArrayList<>();
        for (List<Story> g : groups.values()) {
            clusters.add(of(g));
        }
        clusters.sort(Comparator.comparingDouble(ActivityCluster::score).reversed()
                .thenComparing(ActivityCluster::firstSeen));
        List<ActivityCluster> named = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            ActivityCluster c = clusters.get(i);
            named.add(new ActivityCluster(String.format("cluster-%02d", i + 1), c.score(), c.stories(), c.hosts(),
                    c.firstSeen(), c.lastSeen(), c.tactics(), c.techniques(), c.software(), c.indicators(), List.of()));
        }
        return named;
    }

    static Set<String> features(Story s) {
        Set<String> f = new HashSet<>();
        s.techniques().forEach(t -> f.add("T:" + t));
        s.software().forEach(x -> f.add("S:" + x));
        f.addAll(s.indicators());
        return f;
    }

    static double similarity(Set<String> a, Set<String> b, Map<String, Integer> df, int n) {
        double inter = 0;
        double union = 0;
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        for (String x : all) {
            double w = Math.log(1 + (double) n / df.getOrDefault(x, 1)) * (x.startsWith("T:") || x.startsWith("S:") ? 1 : INDICATOR_WEIGHT);
            union += w;
            if (a.contains(x) && b.contains(x)) {
                inter += w;
            }
        }
        return union == 0 ? 0 : inter / union;
    }

    private static ActivityCluster of(List<Story> stories) {
        stories.sort(Comparator.comparing(Story::firstSeen));
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> tactics = new HashSet<>();
        Set<String> techniques = new TreeSet<>();
        Set<String> software = new TreeSet<>();
        Set<String> indicators = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        double score = 0;
        String first = null;
        String last = null;
        for (Story s : stories) {
            ids.add(s.id());
            hosts.addAll(s.hosts());
            tactics.addAll(s.tactics());
            techniques.addAll(s.techniques());
            software.addAll(s.software());
            indicators.addAll(s.indicators());
            score += s.score();
            first = first == null || s.firstSeen().compareTo(first) < 0 ? s.firstSeen() : first;
            last = last == null || s.lastSeen().compareTo(last) > 0 ? s.lastSeen() : last;
        }
        return new ActivityCluster("", Math.round(score * 100) / 100.0, ids, new ArrayList<>(hosts), first, last,
                Tactics.inOrder(tactics), new ArrayList<>(techniques), new ArrayList<>(software),
                new ArrayList<>(indicators), List.of());
    }

    private static int find(int[] p, int x) {
        while (p[x] != x) {
            p[x] = p[p[x]];
            x = p[x];
        }
        return x;
    }

    private static void union(int[] p, int a, int b) {
        p[find(p, a)] = find(p, b);
    }
}
