package org.dotlink.intel.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.Group;
import org.dotlink.intel.Software;
import org.dotlink.intel.Technique;

/**
 * Ranks ATT&amp;CK groups by how well each explains an observed set of techniques and software. Never a
 * single verdict: the result is always a ranked list, each candidate with its evidence and a confidence.
 *
 * <h2>The model</h2>
 * Each group (not deprecated) has a profile ({@link GroupProfile}): the techniques and software it
 * {@code uses}, with those of the campaigns attributed to it, and, apart, the techniques its software uses.
 * Every item of the profile has a count, the number of the group's sources that report it: 1 for the group's
 * own {@code uses} relationship, 1 for each of its campaigns that uses it, and 0.5 for each of the group's
 * software that uses it (so a technique that the group's reports, two of its campaigns and its tools all show
 * counts more than one mentioned once). Each technique of the group's software that the group is not known to
 * use counts once per software of the group that uses it.
 * The observation is scored under each group as a mixture language model, the query-likelihood model of
 * information retrieval: an observed item {@code f} is drawn from
 * <pre>
 *   P(f | g) = 0.7 · m(f, g) / N(g)  +  0.1 · v(f, g) / V(g)  +  0.1 · P_t(f | g)  +  0.1 · P(f)
 * </pre>
 * where {@code m} is the item's count in the group's profile, or 0.5 when the group uses only a sub-technique
 * of an observed parent technique (the Sigma rule that tags {@code attack.t1003} for what ATT&amp;CK lists as
 * {@code T1003.001}), else 0; {@code N(g)} the sum of the counts; {@code v} and {@code V(g)} the same for the
 * techniques of the group's software; {@code P_t(f | g)} the co-occurrence part, below; and {@code P(f)}, the
 * background, the share of all groups' uses that are {@code f} ({@code (groups using f + 0.5) / (sum of
 * profile sizes + 0.5)}). The score is {@code sum over observed f of w(f) · ln(P(f | g) / P(f))}.
 *
 * <p>The co-occurrence part is the translation model of information retrieval: what a group is known to use
 * makes likely what other groups use together with it. {@code P(f | x)}, over the groups whose profile holds
 * {@code x}, is the mean share of their profile that {@code f} takes ({@code 1 / |profile|} when it holds
 * {@code f}, else 0); {@code P_t(f | g) = sum over the group's items x of m(x, g) / N(g) · P(f | x)}. It is
 * a smoothing by the whole of ATT&amp;CK in place of a flat background: a group whose profile is thin (a few
 * tools, one campaign) still gets some credit for what typically goes with them, and an item that no group uses
 * together with the group's items gets only the background. Leaving a campaign out ({@link #leavingOut}) leaves
 * it out of these figures too.
 *
 * <p>What this does: an item many groups use has a high {@code P(f)}, so sharing it adds little; sharing a
 * rare one adds a lot (the rarity weighting an IDF gives). Dividing by the profile's total keeps a group that is
 * known for hundreds of techniques from winning by sheer size, and the counts make a group's core behaviour,
 * reported again and again, weigh more than what one source mentioned once. Software observed counts like a
 * technique, and the techniques ATT&amp;CK lists for that software are added to the observation at weight
 * {@code w = 0.5} (observed items have {@code w = 1}). Items no group uses score every group alike. An observed
 * sub-technique earns nothing from a group that lists only its parent: ATT&amp;CK lists bare parents for many
 * groups (probably where a report did not say which variant), so that credit went to many groups and lowered
 * the right one's rank on every evaluation set ({@link AttributionSettings#subTechniqueCredit()}, BENCHMARKS.md).
 *
 * <p>The weights ({@link AttributionSettings#DEFAULT}: 0.7 / 0.1 / 0.1 / 0.1, a count of 1 per campaign and 0.5
 * per software, half credit for an observed parent, half weight for techniques implied by software) are round
 * values chosen on the evaluation in BENCHMARKS.md, which lists the alternatives tried and what they gave;
 * they are not fitted per group.
 *
 * <p>Evidence for a candidate is each observed item that raises its score, weighted by how much
 * ({@code w · ln(P(f | g) / (0.1 · P(f)))}, the gain over the background alone; an item that raises the score
 * only through co-occurrence is not listed). Evidence against is the group's most
 * distinctive items (highest {@code ln(groups / groups using it)}) that were not observed, not even as a
 * credited relative (an observed parent of one of its sub-techniques). The confidence is {@link Confidence}'s.
 */
public final class Attribution {

    /** How many items of evidence against are given per candidate. */
    public static final int EVIDENCE_AGAINST = 5;

    private final AttackKnowledgeBase kb;
    private final AttributionSettings settings;
    private final List<GroupProfile> profiles;
    private final Map<String, Integer> groupsUsing = new HashMap<>();
    private final double totalUses;
    /** Index of every item some profile uses, for {@link #cooccurrence}. */
    private final Map<String, Integer> itemIndex = new HashMap<>();
    /** For each profile, its items' indexes and counts. */
    private final int[][] profileItems;
    private final double[][] profileCounts;
    /** {@code P(f | x)} at {@code [index(f) * items + index(x)]}: see {@link #cooccurrence}. */
    private final double[] together;

    /** Attribution against every group, with every campaign counted in its groups' profiles. */
    public Attribution(AttackKnowledgeBase kb) {
        this(kb, AttributionSettings.DEFAULT, null);
    }

    /**
     * Attribution with other settings; with {@code excludedCampaign} (null for none), that campaign's
     * techniques and software are left out of its groups' profiles (for a fair evaluation on it).
     */
    public Attribution(AttackKnowledgeBase kb, AttributionSettings settings, String excludedCampaign) {
        this.kb = kb;
        this.settings = settings;
        List<GroupProfile> list = new ArrayList<>();
        for (Group g : kb.rankableGroups()) {
            list.add(GroupProfile.of(kb, g, excludedCampaign == null ? null : kb.currentId(excludedCampaign),
                    settings));
        }
        this.profiles = List.copyOf(list);
        long total = 0;
        for (GroupProfile p : profiles) {
            for (String f : p.used()) {
                groupsUsing.merge(f, 1, Integer::sum);
            }
            total += p.used().size();
        }
        this.totalUses = total;
        this.profileItems = new int[profiles.size()][];
        this.profileCounts = new double[profiles.size()][];
        for (int i = 0; i < profiles.size(); i++) {
            GroupProfile p = profiles.get(i);
            profileItems[i] = new int[p.used().size()];
            profileCounts[i] = new double[p.used().size()];
            int k = 0;
            for (String f : p.used()) {
                profileItems[i][k] = itemIndex.computeIfAbsent(f, x -> itemIndex.size());
                profileCounts[i][k++] = p.count(f);
            }
        }
        this.together = settings.cooccurrence() > 0 ? together() : new double[0];
    }

    /**
     * {@code P(f | x)}, the chance that an item drawn from the profile of a group that uses {@code x} is {@code f}:
     * the mean over the groups using {@code x} of {@code 1 / |profile|} when the profile holds {@code f}, else 0.
     */
    private double[] together() {
        int n = itemIndex.size();
        double[] out = new double[n * n];
        for (int[] items : profileItems) {
            double share = 1.0 / items.length;
            for (int f : items) {
                for (int x : items) {
                    out[f * n + x] += share;
                }
            }
        }
        int[] using = new int[n];
        for (int[] items : profileItems) {
            for (int x : items) {
                using[x]++;
            }
        }
        for (int f = 0; f < n; f++) {
            for (int x = 0; x < n; x++) {
                out[f * n + x] /= Math.max(1, using[x]);
            }
        }
        return out;
    }

    /**
     * {@code P_t(f | g)}, how likely the group is to use {@code f} given what it is known to use and what is used
     * together across all groups: {@code sum over the group's items x of m(x, g) / N(g) · P(f | x)} (the
     * translation model of information retrieval). 0 for an item no group uses.
     */
    private double cooccurrence(String f, int profile) {
        Integer index = itemIndex.get(f);
        if (index == null || together.length == 0) {
            return 0;
        }
        int row = index * itemIndex.size();
        int[] items = profileItems[profile];
        double[] counts = profileCounts[profile];
        double sum = 0;
        for (int k = 0; k < items.length; k++) {
            sum += counts[k] * together[row + items[k]];
        }
        return sum / Math.max(1, profiles.get(profile).total());
    }

    /**
     * Attribution with one campaign's techniques and software left out of its groups' profiles (for a fair
     * evaluation on that campaign).
     */
    public static Attribution leavingOut(AttackKnowledgeBase kb, String campaignId) {
        return new Attribution(kb, AttributionSettings.DEFAULT, campaignId);
    }

    /** The profiles of the ranked groups. */
    public List<GroupProfile> profiles() {
        return profiles;
    }

    /**
     * Ids in the observation that the knowledge base does not know, or knows only as deprecated; they are
     * left out of the scoring. Revoked ids are not listed: they are scored as their replacements.
     */
    public List<String> unknownIds(ObservedProfile observed) {
        List<String> out = new ArrayList<>();
        for (String t : observed.techniques()) {
            if (kb.technique(t).filter(x -> !x.deprecated()).isEmpty()) {
                out.add(t);
            }
        }
        for (String s : observed.software()) {
            if (kb.software(s).filter(x -> !x.deprecated()).isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Every ranked group, best first. */
    public List<Candidate> rank(ObservedProfile observed) {
        return rank(observed, Integer.MAX_VALUE);
    }

    /** The {@code top} best groups, best first (ties in id order). */
    public List<Candidate> rank(ObservedProfile observed, int top) {
        Query q = query(observed);
        double[] scores = new double[profiles.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = score(q, i, null);
        }
        double[] confidence = Confidence.of(scores);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -scores[i])
                .thenComparing(i -> profiles.get(i).group().id()));
        List<Candidate> out = new ArrayList<>();
        for (int k = 0; k < Math.min(top, order.size()); k++) {
            int i = order.get(k);
            GroupProfile p = profiles.get(i);
            List<Evidence> evidenceFor = new ArrayList<>();
            score(q, i, evidenceFor);
            evidenceFor.sort(Comparator.comparingDouble(Evidence::weight).reversed().thenComparing(Evidence::id));
            out.add(new Candidate(p.group().id(), p.group().name(), scores[i], confidence[i],
                    Confidence.label(confidence[i]), evidenceFor, against(q, p)));
        }
        return out;
    }

    /** The observation as weighted items: observed ids (current, known, not deprecated) and implied techniques. */
    private record Query(Map<String, Double> weights, Map<String, String> impliedBy) {}

    private Query query(ObservedProfile observed) {
        Map<String, Double> weights = new LinkedHashMap<>();
        Map<String, String> impliedBy = new HashMap<>();
        for (String t : observed.techniques()) {
            kb.technique(t).filter(x -> !x.deprecated()).ifPresent(x -> weights.put(x.id(), 1.0));
        }
        List<String> software = new ArrayList<>();
        for (String s : observed.software()) {
            kb.software(s).filter(x -> !x.deprecated()).ifPresent(x -> {
                weights.put(x.id(), 1.0);
                software.add(x.id());
            });
        }
        for (String s : settings.impliedBySoftware() > 0 ? software : List.<String>of()) {
            for (String t : kb.techniquesUsedBy(s)) {
                if (weights.putIfAbsent(t, settings.impliedBySoftware()) == null) {
                    impliedBy.put(t, s);
                }
            }
        }
        return new Query(weights, impliedBy);
    }

    /** The group's score; when {@code evidence} is given, also the items that raised it. */
    private double score(Query q, int profile, List<Evidence> evidence) {
        GroupProfile p = profiles.get(profile);
        double usedSize = Math.max(1, p.total());
        double viaSize = Math.max(1, p.viaTotal());
        double score = 0;
        for (Map.Entry<String, Double> e : q.weights().entrySet()) {
            String f = e.getKey();
            double w = e.getValue();
            double background = background(f);
            String note;
            double m;
            if (p.used().contains(f)) {
                m = p.count(f);
                note = "used by the group";
            } else if (settings.parentCredit() > 0 && p.usesSubTechniqueOf(f)) {
                m = settings.parentCredit();
                note = "group uses a sub-technique of it";
            } else if (settings.subTechniqueCredit() > 0 && p.usesParentOf(f)) {
                m = settings.subTechniqueCredit();
                note = "group uses parent " + Technique.parentOf(f);
            } else {
                m = 0;
                note = null;
            }
            double via = settings.viaSoftware() > 0 ? p.viaCount(f) : 0;
            if (note == null && via > 0) {
                note = "used by the group's software";
            }
            double likelihood = settings.background() * background + settings.used() * m / usedSize
                    + settings.viaSoftware() * via / viaSize
                    + (settings.cooccurrence() > 0 ? settings.cooccurrence() * cooccurrence(f, profile) : 0);
            score += w * Math.log(likelihood / background);
            if (evidence != null && note != null) {
                String implied = q.impliedBy().get(f);
                if (implied != null) {
                    note += "; implied by observed " + implied;
                }
                evidence.add(new Evidence(f, name(f), w * Math.log(likelihood / (settings.background() * background)),
                        note));
            }
        }
        return score;
    }

    private List<Evidence> against(Query q, GroupProfile p) {
        List<Evidence> out = new ArrayList<>();
        for (String f : p.used()) {
            if (q.weights().containsKey(f) || creditedThroughRelative(q, f)) {
                continue;
            }
            out.add(new Evidence(f, name(f), inverseGroupFrequency(f), "not observed"));
        }
        out.sort(Comparator.comparingDouble(Evidence::weight).reversed().thenComparing(Evidence::id));
        return out.subList(0, Math.min(EVIDENCE_AGAINST, out.size()));
    }

    /**
     * True when the group's technique {@code f} earned credit through a related observed one: its parent was
     * observed (with parent credit), or, for a parent, one of its sub-techniques (with sub-technique credit).
     */
    private boolean creditedThroughRelative(Query q, String f) {
        if (!f.startsWith("T")) {
            return false;
        }
        String parent = Technique.parentOf(f);
        if (!parent.equals(f)) {
            return settings.parentCredit() > 0 && q.weights().containsKey(parent);
        }
        if (settings.subTechniqueCredit() > 0) {
            for (String o : q.weights().keySet()) {
                if (o.startsWith(f + ".")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code P(f)}: the share of all groups' uses that are {@code f}, smoothed. */
    private double background(String f) {
        return (groupsUsing.getOrDefault(f, 0) + 0.5) / (totalUses + 0.5);
    }

    /** {@code ln(groups / groups using f)}: how distinctive {@code f} is among the ranked groups. */
    private double inverseGroupFrequency(String f) {
        return Math.log((double) profiles.size() / Math.max(1, groupsUsing.getOrDefault(f, 0)));
    }

    private String name(String id) {
        if (id.startsWith("S")) {
            return kb.software(id).map(Software::name).orElse(id);
        }
        Optional<Technique> t = kb.technique(id);
        if (t.isEmpty()) {
            return id;
        }
        Technique tech = t.get();
        if (tech.isSubTechnique()) {
            return kb.technique(tech.parentId()).map(p -> p.name() + ": ").orElse("") + tech.name();
        }
        return tech.name();
    }
}
