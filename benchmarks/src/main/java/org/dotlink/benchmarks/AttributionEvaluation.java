package org.dotlink.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.Campaign;
import org.dotlink.intel.Group;
import org.dotlink.intel.Technique;
import org.dotlink.intel.attribution.Attribution;
import org.dotlink.intel.attribution.AttributionSettings;
import org.dotlink.intel.attribution.Candidate;
import org.dotlink.intel.attribution.Confidence;
import org.dotlink.intel.attribution.GroupProfile;
import org.dotlink.intel.attribution.ObservedProfile;

/**
 * The attribution evaluation (BENCHMARKS.md, "Attribution"): Dotlink's ranking beside the TF-IDF cosine
 * baseline and beside variants of itself with one part switched off, on
 * <ul>
 *   <li>the ATT&amp;CK campaigns attributed to a group, each from its own techniques and software, with its
 *       contribution left out of its groups' profiles (leave-one-out);</li>
 *   <li>the same with half of each campaign's techniques dropped at random and as many random techniques
 *       added (seeded; several runs);</li>
 *   <li>the CTID adversary emulation plans ({@code plan_steps_attack.csv}), techniques only;</li>
 * </ul>
 * and the time to load the bundle and to attribute one profile. Prints Markdown.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.dotlink.benchmarks.AttributionEvaluation
 * [--attack FILE] [--plans CSV] [--runs N] [--seed S] [--timings-only]}; the defaults read
 * {@code ../shared/data} (or the folder in the system property {@code dotlink.shared.data}); with
 * {@code --timings-only}, only the timings.
 */
public final class AttributionEvaluation {

    /** A method under evaluation: given the campaign to leave out (or null), a ranking of group ids. */
    private record Method(String name, Function<String, Function<ObservedProfile, List<String>>> forCampaign) {}

    private record Case(Campaign campaign, ObservedProfile profile) {}

    private record Stats(int cases, double top1, double top3, double top10, double meanRank) {
        static Stats of(List<Integer> ranks) {
            int n = ranks.size();
            return new Stats(n, count(ranks, 1), count(ranks, 3), count(ranks, 10),
                    ranks.stream().mapToInt(Integer::intValue).average().orElse(0));
        }

        private static double count(List<Integer> ranks, int k) {
            return ranks.stream().filter(r -> r <= k).count();
        }
    }

    /** The first model (2026-11-27): items counted once, related-technique credit both ways. */
    private static final AttributionSettings FIRST =
            new AttributionSettings(0.8, 0.1, 0, 0.1, 0.5, 0.5, 0.5, true, 0, 0, false);

    /** The second model (2026-11-27): items counted by their sources, no co-occurrence. */
    private static final AttributionSettings SECOND =
            new AttributionSettings(0.8, 0.1, 0, 0.1, 0.5, 0, 0.5, true, 1, 0.5, true);

    private AttributionEvaluation() {}

    public static void main(String[] args) throws IOException {
        Path shared = Path.of(System.getProperty("dotlink.shared.data", "../shared/data"));
        Path bundle = shared.resolve("attack/enterprise-attack.json");
        Path plansCsv = shared.resolve("attribution/ctid-plans/plan_steps_attack.csv");
        int runs = 20;
        long seed = 42;
        boolean timingsOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--attack" -> bundle = Path.of(args[++i]);
                case "--plans" -> plansCsv = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--timings-only" -> timingsOnly = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; expected --attack FILE, --plans CSV, --runs N, --seed S, --timings-only");
            }
        }

        double[] loads = new double[5];
        AttackKnowledgeBase kb = null;
        for (int i = 0; i < loads.length; i++) {
            long t = System.nanoTime();
            kb = AttackKnowledgeBase.load(bundle);
            loads[i] = (System.nanoTime() - t) / 1e6;
        }
        AttackKnowledgeBase base = kb;

        List<Case> clean = new ArrayList<>();
        for (Campaign c : kb.campaigns()) {
            if (!c.groups().isEmpty()) {
                clean.add(new Case(c, ObservedProfile.of(kb.techniquesUsedBy(c.id()), kb.softwareUsedBy(c.id()))));
            }
        }
        if (timingsOnly) {
            timings(kb, clean, loads);
            return;
        }
        List<Case> noisy = noisy(kb, clean, runs, seed);
        Map<String, Set<String>> plans = plans(plansCsv, kb);

        List<Method> methods = List.of(
                new Method("baseline: TF-IDF cosine", c -> {
                    TfIdfBaseline b = new TfIdfBaseline(base, new Attribution(base, AttributionSettings.DEFAULT, c)
                            .profiles());
                    return b::rank;
                }),
                dotlink("Dotlink", kb, AttributionSettings.DEFAULT),
                dotlink("  second model (2026-11-27): without co-occurrence (0.8 / 0.1 / 0 / 0.1)", kb, SECOND),
                dotlink("  first model (2026-11-27): items counted once, credit for parent and sub-technique both ways",
                        kb, FIRST),
                dotlink("  co-occurrence 0.05 (0.75 / 0.1 / 0.05 / 0.1)", kb,
                        new AttributionSettings(0.75, 0.1, 0.05, 0.1, 0.5, 0, 0.5, true, 1, 0.5, true)),
                dotlink("  co-occurrence 0.2 (0.6 / 0.1 / 0.2 / 0.1)", kb,
                        new AttributionSettings(0.6, 0.1, 0.2, 0.1, 0.5, 0, 0.5, true, 1, 0.5, true)),
                dotlink("  background 0.05 (0.75 / 0.1 / 0.1 / 0.05)", kb,
                        new AttributionSettings(0.75, 0.1, 0.1, 0.05, 0.5, 0, 0.5, true, 1, 0.5, true)),
                dotlink("  nothing counted: each item and each software technique once", kb,
                        new AttributionSettings(0.7, 0.1, 0.1, 0.1, 0.5, 0, 0.5, true, 0, 0, false)),
                dotlink("  without related-technique credit", kb,
                        new AttributionSettings(0.7, 0.1, 0.1, 0.1, 0, 0, 0.5, true, 1, 0.5, true)),
                dotlink("  without the group's software's techniques (0.8 / 0 / 0.1 / 0.1)", kb,
                        new AttributionSettings(0.8, 0, 0.1, 0.1, 0.5, 0, 0.5, true, 1, 0.5, true)),
                dotlink("  without techniques implied by observed software", kb,
                        new AttributionSettings(0.7, 0.1, 0.1, 0.1, 0.5, 0, 0, true, 1, 0.5, true)),
                dotlink("  without campaigns in group profiles", kb,
                        new AttributionSettings(0.7, 0.1, 0.1, 0.1, 0.5, 0, 0.5, false, 1, 0.5, true)),
                dotlink("  background 0.2 (0.6 / 0.1 / 0.1 / 0.2)", kb,
                        new AttributionSettings(0.6, 0.1, 0.1, 0.2, 0.5, 0, 0.5, true, 1, 0.5, true)));

        System.out.printf(Locale.ROOT, "ATT&CK bundle %s: %d techniques, %d rankable groups, %d software, %d campaigns"
                        + " (%d attributed); %d noisy runs, seed %d%n%n", bundle, kb.techniques().size(),
                kb.rankableGroups().size(), kb.software().size(), kb.campaigns().size(), clean.size(), runs, seed);
        System.out.println("| method | campaigns: top-1 | top-3 | top-10 | mean rank | noisy: top-1 | top-3 | top-10"
                + " | mean rank | plans in top 3 | plan ranks (" + String.join(", ", plans.keySet()) + ") |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        Map<String, List<Integer>> cleanRanks = new LinkedHashMap<>();
        for (Method m : methods) {
            Map<String, Function<ObservedProfile, List<String>>> byCampaign = new HashMap<>();
            List<Integer> cr = new ArrayList<>();
            for (Case k : clean) {
                cr.add(rankOf(byCampaign.computeIfAbsent(k.campaign().id(), m.forCampaign()).apply(k.profile()),
                        Set.copyOf(k.campaign().groups())));
            }
            List<Integer> nr = new ArrayList<>();
            for (Case k : noisy) {
                nr.add(rankOf(byCampaign.computeIfAbsent(k.campaign().id(), m.forCampaign()).apply(k.profile()),
                        Set.copyOf(k.campaign().groups())));
            }
            Function<ObservedProfile, List<String>> full = m.forCampaign().apply(null);
            List<Integer> pr = new ArrayList<>();
            for (Map.Entry<String, Set<String>> p : plans.entrySet()) {
                pr.add(rankOf(full.apply(ObservedProfile.of(p.getValue(), List.of())), planGroups(kb, p.getKey())));
            }
            cleanRanks.put(m.name(), cr);
            Stats c = Stats.of(cr);
            Stats n = Stats.of(nr);
            double scale = (double) clean.size() / noisy.size();
            System.out.printf(Locale.ROOT, "| %s | %.0f | **%.0f** | %.0f | %.1f | %.1f | **%.1f (%.0f%%)** | %.1f | %.1f |"
                            + " %d of %d | %s |%n", m.name().trim(), c.top1(), c.top3(), c.top10(), c.meanRank(),
                    n.top1() * scale, n.top3() * scale, 100.0 * n.top3() / n.cases(), n.top10() * scale, n.meanRank(),
                    pr.stream().filter(r -> r <= 3).count(), pr.size(), pr);
        }

        System.out.println();
        System.out.println("Per campaign (rank of the attributed group; the best of them when several):");
        System.out.println();
        System.out.println("| campaign | group | techniques | software | baseline | second model | Dotlink |");
        System.out.println("|---|---|---|---|---|---|---|");
        List<Integer> baseRanks = cleanRanks.get(methods.get(0).name());
        List<Integer> ourRanks = cleanRanks.get(methods.get(1).name());
        List<Integer> beforeRanks = cleanRanks.get(methods.get(2).name());
        for (int i = 0; i < clean.size(); i++) {
            Case k = clean.get(i);
            List<String> names = k.campaign().groups().stream()
                    .map(g -> g + " " + base.group(g).map(Group::name).orElse("?")).toList();
            System.out.printf(Locale.ROOT, "| %s %s | %s | %d | %d | %d | %d | %d |%n", k.campaign().id(),
                    k.campaign().name(), String.join(", ", names), k.profile().techniques().size(),
                    k.profile().software().size(), baseRanks.get(i), beforeRanks.get(i), ourRanks.get(i));
        }

        planCandidates(kb, plans);
        calibration(kb, clean, noisy);
        timings(kb, clean, loads);
    }

    private static Method dotlink(String name, AttackKnowledgeBase kb, AttributionSettings settings) {
        return new Method(name, c -> {
            Attribution a = new Attribution(kb, settings, c);
            return p -> a.rank(p).stream().map(Candidate::id).toList();
        });
    }

    /** 1-based rank of the first of {@code truth} in {@code ranking}; past the end when absent. */
    private static int rankOf(List<String> ranking, Set<String> truth) {
        for (int i = 0; i < ranking.size(); i++) {
            if (truth.contains(ranking.get(i))) {
                return i + 1;
            }
        }
        return ranking.size() + 1;
    }

    /**
     * For each run and campaign: half the techniques (rounded down) dropped at random, as many random
     * techniques (not deprecated, not already in the campaign) added; software kept.
     */
    private static List<Case> noisy(AttackKnowledgeBase kb, List<Case> clean, int runs, long seed) {
        Random random = new Random(seed);
        List<String> all = kb.techniques().stream().filter(t -> !t.deprecated()).map(Technique::id).sorted().toList();
        List<Case> out = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            for (Case k : clean) {
                List<String> techniques = new ArrayList<>(k.profile().techniques());
                int drop = techniques.size() / 2;
                for (int i = 0; i < drop; i++) {
                    techniques.remove(random.nextInt(techniques.size()));
                }
                List<String> candidates = new ArrayList<>(all);
                candidates.removeAll(k.profile().techniques());
                for (int i = 0; i < drop; i++) {
                    techniques.add(candidates.remove(random.nextInt(candidates.size())));
                }
                out.add(new Case(k.campaign(), ObservedProfile.of(techniques, k.profile().software())));
            }
        }
        return out;
    }

    /** Techniques of each plan (column {@code adversary}, {@code attack_id}), ids made current. */
    private static Map<String, Set<String>> plans(Path csv, AttackKnowledgeBase kb) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int adversary = header.indexOf("adversary");
        int id = header.indexOf("attack_id");
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split(",");
            if (cols.length > Math.max(adversary, id) && !cols[id].isBlank()) {
                out.computeIfAbsent(cols[adversary], k -> new TreeSet<>()).add(kb.currentId(cols[id]));
            }
        }
        return out;
    }

    /** The groups a plan emulates: the group of that name; for Carbanak, Carbanak or FIN7. */
    private static Set<String> planGroups(AttackKnowledgeBase kb, String adversary) {
        Set<String> names = adversary.equalsIgnoreCase("Carbanak") ? Set.of("Carbanak", "FIN7") : Set.of(adversary);
        Set<String> ids = new LinkedHashSet<>();
        for (String n : names) {
            kb.groupsNamed(n).forEach(g -> ids.add(g.id()));
        }
        return ids;
    }

    /** For each plan, Dotlink's top 5 and the plan's group, each with its score and strongest evidence. */
    private static void planCandidates(AttackKnowledgeBase kb, Map<String, Set<String>> plans) {
        Attribution a = new Attribution(kb);
        System.out.println();
        System.out.println("Emulation plans under Dotlink: the top 5 and the plan's group (rank, score, confidence;"
                + " evidence for, strongest first, u = used by the group, u2 = reported by two of its sources,"
                + " s = its sub-technique, v = via its software; and the plan's techniques the group does not"
                + " explain):");
        for (Map.Entry<String, Set<String>> p : plans.entrySet()) {
            Set<String> truth = planGroups(kb, p.getKey());
            List<Candidate> ranked = a.rank(ObservedProfile.of(p.getValue(), List.of()));
            System.out.printf(Locale.ROOT, "%n%s (%d techniques: %s)%n%n", p.getKey(), p.getValue().size(),
                    String.join(" ", p.getValue()));
            for (int i = 0; i < ranked.size(); i++) {
                Candidate c = ranked.get(i);
                if (i >= 5 && !truth.contains(c.id())) {
                    continue;
                }
                GroupProfile profile = a.profiles().stream().filter(g -> g.group().id().equals(c.id())).findFirst()
                        .orElseThrow();
                Set<String> explained = new TreeSet<>();
                StringBuilder evidence = new StringBuilder();
                for (var e : c.evidenceFor()) {
                    explained.add(e.id());
                    String how = e.note().startsWith("used by the group's") ? "v"
                            : e.note().startsWith("used by the group") ? "u" + (profile.count(e.id()) >= 2 ? "2" : "")
                            : "s";
                    evidence.append(String.format(Locale.ROOT, " %s(%s %.1f)", e.id(), how, e.weight()));
                }
                Set<String> unexplained = new TreeSet<>(p.getValue());
                unexplained.removeAll(explained);
                System.out.printf(Locale.ROOT, "- %d. %s %s%s: score %.2f, confidence %.2f, profile %d items"
                                + " (%.0f counts), %d via software; for:%s; unexplained: %s%n", i + 1, c.id(), c.name(),
                        truth.contains(c.id()) ? " **(plan's group)**" : "", c.score(), c.confidence(),
                        profile.used().size(), profile.total(), profile.viaSoftware().size(), evidence,
                        unexplained.isEmpty() ? "none" : String.join(" ", unexplained));
            }
        }
    }

    /** How often the top candidate is right, by its confidence label; and the temperature of least log loss. */
    private static void calibration(AttackKnowledgeBase kb, List<Case> clean, List<Case> noisy) {
        Map<String, Attribution> byCampaign = new HashMap<>();
        List<double[]> scores = new ArrayList<>();
        List<boolean[]> truths = new ArrayList<>();
        Map<String, int[]> buckets = new TreeMap<>();
        Map<String, double[]> meanConfidence = new TreeMap<>();
        List<Case> all = new ArrayList<>(clean);
        all.addAll(noisy);
        for (Case k : all) {
            Attribution a = byCampaign.computeIfAbsent(k.campaign().id(), c -> Attribution.leavingOut(kb, c));
            List<Candidate> ranked = a.rank(k.profile());
            double[] s = new double[ranked.size()];
            boolean[] t = new boolean[ranked.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = ranked.get(i).score();
                t[i] = k.campaign().groups().contains(ranked.get(i).id());
            }
            scores.add(s);
            truths.add(t);
            Candidate top = ranked.get(0);
            int[] b = buckets.computeIfAbsent(top.confidenceLabel(), x -> new int[2]);
            b[0]++;
            b[1] += t[0] ? 1 : 0;
            meanConfidence.computeIfAbsent(top.confidenceLabel(), x -> new double[1])[0] += top.confidence();
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Confidence of the top candidate (temperature %.1f), over the %d clean and %d"
                + " noisy cases:%n%n", Confidence.TEMPERATURE, clean.size(), noisy.size());
        System.out.println("| label | cases | top candidate right | mean confidence |");
        System.out.println("|---|---|---|---|");
        for (Map.Entry<String, int[]> e : buckets.entrySet()) {
            int[] b = e.getValue();
            System.out.printf(Locale.ROOT, "| %s | %d | %d (%.0f%%) | %.2f |%n", e.getKey(), b[0], b[1],
                    100.0 * b[1] / b[0], meanConfidence.get(e.getKey())[0] / b[0]);
        }
        double bestT = 0;
        double bestLoss = Double.MAX_VALUE;
        StringBuilder curve = new StringBuilder();
        for (double temperature : new double[] {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15}) {
            double loss = 0;
            for (int i = 0; i < scores.size(); i++) {
                double[] s = scores.get(i);
                double max = Arrays.stream(s).max().orElse(0);
                double z = 0;
                double truth = 0;
                for (int j = 0; j < s.length; j++) {
                    double e = Math.exp((s[j] - max) / temperature);
                    z += e;
                    truth += truths.get(i)[j] ? e : 0;
                }
                loss -= Math.log(Math.max(truth / z, 1e-12));
            }
            loss /= scores.size();
            curve.append(String.format(Locale.ROOT, " T=%.0f: %.3f;", temperature, loss));
            if (loss < bestLoss) {
                bestLoss = loss;
                bestT = temperature;
            }
        }
        System.out.printf(Locale.ROOT, "%nMean log loss of the true group by temperature:%s least at T=%.0f%n", curve,
                bestT);
    }

    /**
     * Load, build and rank times; building and ranking also under the second model's settings (no co-occurrence),
     * measured alternately in the same JVM so that their ratio holds under the machine's load of the moment.
     */
    private static void timings(AttackKnowledgeBase kb, List<Case> clean, double[] loads) {
        Map<String, AttributionSettings> settings = new LinkedHashMap<>();
        settings.put("Dotlink", AttributionSettings.DEFAULT);
        settings.put("second model's settings", SECOND);
        Map<String, double[]> builds = new LinkedHashMap<>();
        Map<String, double[]> ranks = new LinkedHashMap<>();
        Map<String, Attribution> built = new LinkedHashMap<>();
        settings.keySet().forEach(k -> {
            builds.put(k, new double[20]);
            ranks.put(k, new double[clean.size() * 20]);
        });
        for (int i = 0; i < 20; i++) {
            for (Map.Entry<String, AttributionSettings> e : settings.entrySet()) {
                long t = System.nanoTime();
                built.put(e.getKey(), new Attribution(kb, e.getValue(), null));
                builds.get(e.getKey())[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        for (int i = 0; i < 200; i++) {
            for (Attribution a : built.values()) {
                a.rank(clean.get(i % clean.size()).profile(), 10);
            }
        }
        for (int i = 0; i < clean.size() * 20; i++) {
            for (Map.Entry<String, Attribution> e : built.entrySet()) {
                long t = System.nanoTime();
                e.getValue().rank(clean.get(i % clean.size()).profile(), 10);
                ranks.get(e.getKey())[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Loading the bundle: first %.0f ms, median of %d %.0f ms (runs:%s)%n", loads[0],
                loads.length, median(loads), Arrays.stream(loads).mapToObj(x -> String.format(Locale.ROOT, " %.0f", x))
                        .reduce("", String::concat));
        for (String k : settings.keySet()) {
            double[] r = ranks.get(k);
            System.out.printf(Locale.ROOT, "%s: building the group profiles (new Attribution) median %.2f ms;"
                            + " attributing one campaign profile against all %d groups, top 10 with evidence:"
                            + " median %.3f ms, 90th percentile %.3f ms, max %.3f ms over %d calls%n", k,
                    median(builds.get(k)), built.get(k).profiles().size(), median(r), percentile(r, 0.9),
                    Arrays.stream(r).max().orElse(0), r.length);
        }
    }

    private static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(p * s.length))];
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
