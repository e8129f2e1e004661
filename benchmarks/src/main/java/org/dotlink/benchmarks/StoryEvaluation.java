package org.dotlink.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.dotlink.core.AssetRoles;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.EventSources;
import org.dotlink.ingest.InputDiscovery;
import org.dotlink.sigma.builtin.BuiltinRules;
import org.dotlink.sigma.correlation.CorrelationEngine;
import org.dotlink.sigma.correlation.InMemoryCorrelationState;
import org.dotlink.sigma.hunt.Detector;
import org.dotlink.sigma.hunt.RuleSet;
import org.dotlink.sigma.index.RuleIndex;
import org.dotlink.story.FactExtractor;
import org.dotlink.story.StoryBuilder;

/**
 * How well stories gather one attack: over each host dataset of the shared Mordor collection (one
 * technique run in a lab), hunt with every SigmaHQ rule for Windows plus the built-in pack, build stories,
 * and report the share of the run's findings that the top story holds, and over all datasets the
 * reduction from findings to stories.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.dotlink.benchmarks.StoryEvaluation [DATA] [--detail]};
 * with {@code --detail}, each dataset's findings outside its top story are listed grouped by rule and by
 * what their event says (channel and id, acting process and its parent, account), which is what a link
 * would have to go through.
 */
public final class StoryEvaluation {

    private StoryEvaluation() {}

    public static void main(String[] args) throws Exception {
        boolean detail = List.of(args).contains("--detail");
        List<String> rest = java.util.Arrays.stream(args).filter(a -> !a.equals("--detail")).toList();
        Path data = Path.of(!rest.isEmpty() ? rest.get(0)
                : System.getProperty("dotlink.shared.data", "../shared/data"));
        Path sigma = data.resolve("sigma");
        RuleSet rules = RuleSet.load(List.of(sigma.resolve("rules"), sigma.resolve("rules-emerging-threats"),
                sigma.resolve("rules-threat-hunting")), BuiltinRules.load(), java.util.Map.of());
        RuleIndex index = new RuleIndex(rules.rules());
        List<Path> datasets;
        try (Stream<Path> walk = Files.walk(data.resolve("mordor/windows"))) {
            datasets = walk.filter(p -> p.getParent().getFileName().toString().equals("host") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        List<Double> shares = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        java.util.Map<String, String> titles = new java.util.HashMap<>();
        java.util.Map<String, Integer> outside = new java.util.HashMap<>();
        long findingsTotal = 0;
        long storiesTotal = 0;
        int withFindings = 0;
        for (Path ds : datasets) {
            Detector detector = new Detector(index, AssetRoles.NONE,
                    new CorrelationEngine(rules.correlations(), new InMemoryCorrelationState()));
            StoryBuilder stories = new StoryBuilder();
            List<Detection> inputs = new ArrayList<>();
            List<Finding> added = new ArrayList<>();
            EventSources sources = new EventSources(new InputDiscovery(List.of(ds.toString())));
            int n = 0;
            while (sources.hasNext()) {
                Callable<EventBatch> task = sources.next();
                List<Event> events = task.call().events();
                Detector.Result r = detector.detect(events);
                events.forEach(e -> stories.observe(FactExtractor.of(e)));
                r.findings().forEach(stories::add);
                added.addAll(r.findings());
                inputs.addAll(r.correlationInputs());
                n += r.findings().size();
            }
            for (Finding f : detector.correlate(inputs)) {
                stories.add(f);
                added.add(f);
                n++;
            }
            if (n == 0) {
                System.out.printf("%-90s no findings%n", data.relativize(ds));
                continue;
            }
            StoryBuilder.Result built = stories.build();
            double share = built.stories().get(0).findings().size() / (double) n;
            for (int i = 1; i < built.stories().size(); i++) {
                for (var f : built.stories().get(i).findings()) {
                    outside.merge(f.ruleTitle(), 1, Integer::sum);
                }
            }
            shares.add(share);
            withFindings++;
            List<String> rulesOfRun = new ArrayList<>();
            added.forEach(f -> rulesOfRun.add(f.rule().id()));
            added.forEach(f -> titles.put(f.rule().id(), f.rule().title()));
            runs.add(new Run(data.relativize(ds).toString(), rulesOfRun, built.storyOfFinding()));
            findingsTotal += n;
            storiesTotal += built.stories().size();
            System.out.printf("%-90s %5d findings %4d stories  top %5.1f%%%n", data.relativize(ds), n,
                    built.stories().size(), 100 * share);
            if (detail) {
                StringBuilder top = new StringBuilder("    largest stories (rank: findings, score):");
                built.stories().stream().sorted(java.util.Comparator.comparingInt(st -> -st.findings().size())).limit(4)
                        .forEach(st -> top.append(String.format(" #%d: %d, %.1f;", built.stories().indexOf(st) + 1,
                                st.findings().size(), st.score())));
                System.out.println(top);
                for (int i = 0; i < Math.min(2, built.stories().size()); i++) {
                    java.util.Map<String, Integer> byRule = new java.util.HashMap<>();
                    built.stories().get(i).findings().forEach(f -> byRule.merge(f.ruleTitle(), 1, Integer::sum));
                    StringBuilder rulesLine = new StringBuilder("    #" + (i + 1) + " mostly:");
                    byRule.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                            .limit(3).forEach(r -> rulesLine.append(" ").append(r.getValue()).append(" ").append(r.getKey())
                                    .append(";"));
                    System.out.println(rulesLine);
                }
                printOutside(added, built);
            }
        }
        Collections.sort(shares);
        long atLeast90 = shares.stream().filter(s -> s >= 0.9).count();
        System.out.printf("%n%d datasets, %d with findings; top story share: median %.1f%%, mean %.1f%%, "
                        + "p25 %.1f%%, min %.1f%%; at least 90%%: %d of %d%n", datasets.size(), withFindings,
                100 * shares.get(shares.size() / 2), 100 * shares.stream().mapToDouble(d -> d).average().orElse(0),
                100 * shares.get(shares.size() / 4), 100 * shares.get(0), atLeast90, shares.size());
        printWithoutLabBackground(runs, titles, detail);
        System.out.printf("findings %d -> stories %d (%.1fx fewer)%n", findingsTotal, storiesTotal,
                findingsTotal / (double) Math.max(1, storiesTotal));
        System.out.println("rules of the findings outside the top stories, most frequent first:");
        outside.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
    }

    /** One dataset's findings: each one's rule id, and its story (0 is the top story). */
    private record Run(String name, List<String> rules, int[] storyOf) {}

    /**
     * An additional figure, beside the one above and not instead of it: the same top story's share of the
     * findings left once the lab's background is set aside, that is the findings of rules that fire in at
     * least 40% of the datasets whatever technique ran, measured over these datasets (the Task Scheduler
     * writing its cache, machine accounts logging off). At a quarter, rules that the PowerShell-based attack
     * tools themselves set off (PowerShell's network connections, new PowerShell instances) would count too.
     */
    private static void printWithoutLabBackground(List<Run> runs, java.util.Map<String, String> titles,
            boolean detail) {
        java.util.Map<String, Integer> datasetsOfRule = new java.util.HashMap<>();
        for (Run r : runs) {
            new java.util.HashSet<>(r.rules()).forEach(id -> datasetsOfRule.merge(id, 1, Integer::sum));
        }
        java.util.Set<String> background = new java.util.TreeSet<>();
        datasetsOfRule.forEach((id, n) -> {
            if (n * 5 >= runs.size() * 2) {
                background.add(id);
            }
        });
        List<Double> shares = new ArrayList<>();
        int left = 0;
        for (Run r : runs) {
            int kept = 0;
            int inTop = 0;
            for (int i = 0; i < r.rules().size(); i++) {
                if (!background.contains(r.rules().get(i))) {
                    kept++;
                    inTop += r.storyOf()[i] == 0 ? 1 : 0;
                }
            }
            if (kept > 0) {
                shares.add(inTop / (double) kept);
                left += kept;
                if (detail && inTop * 10 < kept * 9) {
                    System.out.printf("below 90%% without the lab background: %-80s %4d of %4d  %5.1f%%%n", r.name(),
                            inTop, kept, 100.0 * inTop / kept);
                }
            }
        }
        Collections.sort(shares);
        System.out.printf("without the lab background (%d rules firing in at least 40%% of the datasets; %d findings"
                        + " left in %d datasets): top story share median %.1f%%, mean %.1f%%, p25 %.1f%%;"
                        + " at least 90%%: %d of %d%n",
                background.size(), left, shares.size(), 100 * shares.get(shares.size() / 2),
                100 * shares.stream().mapToDouble(d -> d).average().orElse(0), 100 * shares.get(shares.size() / 4),
                shares.stream().filter(x -> x >= 0.9).count(), shares.size());
        background.forEach(id -> System.out.printf("  background: %s (%d datasets)%n", titles.get(id),
                datasetsOfRule.get(id)));
    }

    /** The findings outside the top story, grouped by rule and by what their event says. */
    private static void printOutside(List<Finding> findings, StoryBuilder.Result built) {
        java.util.Map<String, Integer> groups = new java.util.TreeMap<>();
        for (int i = 0; i < findings.size(); i++) {
            if (built.storyOfFinding()[i] == 0) {
                continue;
            }
            Finding f = findings.get(i);
            Event e = f.detection().event();
            String what;
            if (e == null) {
                what = "correlation";
            } else {
                var facts = FactExtractor.of(e);
                what = e.channel() + " " + e.eventId() + (facts == null ? " (no facts)"
                        : " proc=" + facts.image() + " parent=" + facts.parentImage() + " user=" + facts.user()
                        + " logon=" + (facts.logon() == null ? null
                        : facts.logon().substring(facts.logon().indexOf('|') + 1)));
            }
            groups.merge(f.rule().title() + " | " + what, 1, Integer::sum);
        }
        groups.forEach((k, v) -> System.out.printf("      %4d  %s%n", v, k));
    }
}
