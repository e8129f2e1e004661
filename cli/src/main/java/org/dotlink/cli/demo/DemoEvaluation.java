package org.dotlink.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How well a hunt did against the generator's ground truth.
 * <ul>
 *   <li><b>Detections</b>: a finding is a true positive when the event it names is malicious (a
 *       correlation's finding: when most of the events it lists are); precision is their share of all
 *       findings. An attacker's event is detected when some finding names it; recall is counted over the
 *       attacker's events and over its steps (a step is detected when one of its events is).</li>
 *   <li><b>Stories</b>: for each cluster, the story holding most of the cluster's findings; recall is the
 *       share of the cluster's findings in it, precision the share of that story's findings that are the
 *       cluster's.</li>
 *   <li><b>Clusters</b>: the same measure over activity clusters, once the pipeline assigns stories to
 *       clusters: {@link #clusterMembership}.</li>
 * </ul>
 */
public final class DemoEvaluation {

    private static final Pattern CAFE_REQ_ID = Pattern.compile("cafeReqId=([0-9a-fA-F-]+)");

    /** One finding as the evaluation sees it. */
    private record Row(String cluster, boolean lookalike, String level, String ruleId, String rule, String story) {}

    /** Detection figures for one cluster. */
    public record ClusterDetection(String cluster, String name, long events, long detectedEvents, int steps,
                                   int detectedSteps, List<String> missedSteps, long findings) {}

    /**
     * Membership of one cluster's findings in the pipeline's groups (stories, or activity clusters).
     *
     * @param groups   how many groups hold the cluster's findings
     * @param best     the group holding most of them
     * @param inBest   how many of the cluster's findings it holds
     * @param bestSize how many findings it holds in all
     */
    public record Membership(String cluster, long findings, int groups, String best, long inBest, long bestSize) {

        public double recall() {
            return findings == 0 ? 0 : inBest / (double) findings;
        }

        public double precision() {
            return bestSize == 0 ? 0 : inBest / (double) bestSize;
        }
    }

    private final GroundTruth truth;
    private final List<Row> rows = new ArrayList<>();
    private final Set<String> detected = new HashSet<>();
    private final Map<String, Label> labels;

    private DemoEvaluation(GroundTruth truth) {
        this.truth = truth;
        this.labels = truth.byKey();
    }

    /**
     * Reads a hunt's {@code findings.jsonl} and the ground truth.
     *
     * @param logs the folder that was hunted, to name records relative to it as the ground truth does
     */
    public static DemoEvaluation load(Path findings, Path groundTruth, Path logs) throws IOException {
        DemoEvaluation ev = new DemoEvaluation(GroundTruth.read(groundTruth));
        ObjectMapper json = new ObjectMapper();
        Path base = logs.toAbsolutePath().normalize();
        try (BufferedReader in = Files.newBufferedReader(findings, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    ev.add(json.readTree(line), base);
                }
            }
        }
        return ev;
    }

    private void add(JsonNode f, Path base) {
        Label label;
        if (f.path("events").isArray() && f.path("record_id").isNull()) {
            Map<String, Integer> byCluster = new TreeMap<>();
            String lookalike = null;
            int total = 0;
            for (JsonNode ref : f.path("events")) {
                String key = GroundTruth.windowsKey(relative(base, ref.path("source").asText()), ref.path("record_id").asLong());
                detected.add(key);
                Label l = labels.get(key);
                total++;
                if (l != null && l.malicious()) {
                    byCluster.merge(l.cluster(), 1, Integer::sum);
                } else if (l != null) {
                    lookalike = l.what();
                }
            }
            Map.Entry<String, Integer> top = null;
            for (Map.Entry<String, Integer> c : byCluster.entrySet()) {
                if (top == null || c.getValue() > top.getValue()) {
                    top = c;
                }
            }
            label = top != null && top.getValue() * 2 > total ? Label.step(top.getKey(), "")
                    : lookalike != null ? Label.lookalike(lookalike) : null;
        } else {
            String key = keyOf(f, base);
            detected.add(key);
            label = labels.get(key);
        }
        rows.add(new Row(label != null && label.malicious() ? label.cluster() : null,
                label != null && !label.malicious(), f.path("level").asText(), f.path("rule_id").asText(),
                f.path("rule_title").asText(),
                f.path("story").isNull() ? null : f.path("story").asText()));
    }

    private static String keyOf(JsonNode f, Path base) {
        String source = relative(base, f.path("source").asText());
        if (f.path("record_id").isNumber()) {
            return GroundTruth.windowsKey(source, f.path("record_id").asLong());
        }
        Matcher m = CAFE_REQ_ID.matcher(f.path("fields").path("cs-uri-query").asText(""));
        return GroundTruth.webKey(source, m.find() ? m.group(1) : "");
    }

    private static String relative(Path base, String source) {
        Path p = Path.of(source).toAbsolutePath().normalize();
        return (p.startsWith(base) ? base.relativize(p) : p).toString().replace('\\', '/');
    }

    // ---- detections ---------------------------------------------------------------------------------

    public long findings() {
        return rows.size();
    }

    public long truePositives() {
        return rows.stream().filter(r -> r.cluster() != null).count();
    }

    public long falsePositives() {
        return findings() - truePositives();
    }

    /** Findings on benign events at level high or critical. */
    public long falsePositivesHighOrCritical() {
        return rows.stream().filter(r -> r.cluster() == null && (r.level().equals("high") || r.level().equals("critical")))
                .count();
    }

    public long falsePositivesOnLookalikes() {
        return rows.stream().filter(Row::lookalike).count();
    }

    /** False positives by rule title, most first. */
    public Map<String, Long> falsePositivesByRule() {
        Map<String, Long> m = new TreeMap<>();
        rows.stream().filter(r -> r.cluster() == null).forEach(r -> m.merge(r.rule() + " (" + r.level() + ")", 1L, Long::sum));
        Map<String, Long> sorted = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The ids of the rules that fired on the events of {@code cluster}. */
    Set<String> rulesFiredOn(String cluster) {
        Set<String> out = new TreeSet<>();
        rows.stream().filter(r -> cluster.equals(r.cluster())).forEach(r -> out.add(r.ruleId()));
        return out;
    }

    /** Findings on benign events by rule id. */
    Map<String, Long> falsePositivesByRuleId() {
        Map<String, Long> m = new TreeMap<>();
        rows.stream().filter(r -> r.cluster() == null).forEach(r -> m.merge(r.ruleId(), 1L, Long::sum));
        return m;
    }

    public double precision() {
        return findings() == 0 ? 0 : truePositives() / (double) findings();
    }

    public long maliciousEvents() {
        return truth.entries().stream().filter(e -> e.label().malicious()).count();
    }

    public long detectedMaliciousEvents() {
        return truth.entries().stream().filter(e -> e.label().malicious() && detected.contains(e.key())).count();
    }

    public double eventRecall() {
        return maliciousEvents() == 0 ? 0 : detectedMaliciousEvents() / (double) maliciousEvents();
    }

    /** Detection figures per cluster, in cluster order. */
    public List<ClusterDetection> byCluster() {
        List<ClusterDetection> out = new ArrayList<>();
        for (GroundTruth.Cluster c : truth.clusters()) {
            Map<String, Boolean> steps = new TreeMap<>();
            long events = 0;
            long hit = 0;
            for (GroundTruth.Entry e : truth.entries()) {
                if (c.id().equals(e.label().cluster())) {
                    events++;
                    boolean d = detected.contains(e.key());
                    hit += d ? 1 : 0;
                    steps.merge(e.label().what(), d, Boolean::logicalOr);
                }
            }
            List<String> missed = steps.entrySet().stream().filter(s -> !s.getValue()).map(Map.Entry::getKey).toList();
            long findings = rows.stream().filter(r -> c.id().equals(r.cluster())).count();
            out.add(new ClusterDetection(c.id(), c.name(), events, hit, steps.size(), steps.size() - missed.size(), missed,
                    findings));
        }
        return out;
    }

    public int steps() {
        return byCluster().stream().mapToInt(ClusterDetection::steps).sum();
    }

    public int detectedSteps() {
        return byCluster().stream().mapToInt(ClusterDetection::detectedSteps).sum();
    }

    // ---- stories and clusters -----------------------------------------------------------------------

    /** Story membership of each cluster's findings. */
    public List<Membership> storyMembership() {
        return membership(Row::story);
    }

    /**
     * Cluster membership, for when the pipeline groups stories into activity clusters: for each true
     * cluster, the pipeline's cluster holding most of its findings (recall), and the share of that
     * cluster's findings that are the true cluster's (precision).
     *
     * @param clusterOfStory the pipeline's cluster id for each story id (stories not listed are in no cluster)
     */
    public List<Membership> clusterMembership(Map<String, String> clusterOfStory) {
        return membership(r -> r.story() == null ? null : clusterOfStory.get(r.story()));
    }

    private List<Membership> membership(Function<Row, String> groupOf) {
        Map<String, Long> size = new HashMap<>();
        for (Row r : rows) {
            String g = groupOf.apply(r);
            if (g != null) {
                size.merge(g, 1L, Long::sum);
            }
        }
        List<Membership> out = new ArrayList<>();
        for (GroundTruth.Cluster c : truth.clusters()) {
            Map<String, Long> in = new TreeMap<>();
            long findings = 0;
            for (Row r : rows) {
                if (c.id().equals(r.cluster())) {
                    findings++;
                    String g = groupOf.apply(r);
                    if (g != null) {
                        in.merge(g, 1L, Long::sum);
                    }
                }
            }
            Map.Entry<String, Long> best = null;
            for (Map.Entry<String, Long> g : in.entrySet()) {
                if (best == null || g.getValue() > best.getValue()) {
                    best = g;
                }
            }
            out.add(best == null ? new Membership(c.id(), findings, 0, null, 0, 0)
                    : new Membership(c.id(), findings, in.size(), best.getKey(), best.getValue(), size.get(best.getKey())));
        }
        return out;
    }

    // ---- report -------------------------------------------------------------------------------------

    /** The evaluation as the demo prints it. */
    public void print(PrintWriter out) {
        Map<String, String> names = new HashMap<>();
        truth.clusters().forEach(c -> names.put(c.id(), c.name() + " (" + c.imitates() + ")"));
        out.println();
        out.println("How the pipeline did against the ground truth:");
        out.printf(Locale.ROOT, "  Detections: %,d findings, %,d on attacker events and %,d on benign ones (%,d of them on"
                        + " look-alikes, %,d high or critical)%n", findings(), truePositives(), falsePositives(),
                falsePositivesOnLookalikes(), falsePositivesHighOrCritical());
        out.printf(Locale.ROOT, "    precision %.1f%%; recall %.1f%% of attacker events (%,d of %,d), %d of %d attacker"
                        + " steps%n", 100 * precision(), 100 * eventRecall(), detectedMaliciousEvents(), maliciousEvents(),
                detectedSteps(), steps());
        for (ClusterDetection c : byCluster()) {
            out.printf(Locale.ROOT, "    %s %-46s %4d findings; events %5.1f%% (%d of %d); steps %d of %d%s%n", c.cluster(),
                    names.get(c.cluster()), c.findings(), c.events() == 0 ? 0 : 100.0 * c.detectedEvents() / c.events(),
                    c.detectedEvents(), c.events(), c.detectedSteps(), c.steps(),
                    c.missedSteps().isEmpty() ? "" : "; not detected: " + String.join(", ", c.missedSteps()));
        }
        Map<String, Long> fp = falsePositivesByRule();
        if (!fp.isEmpty()) {
            out.println("    benign findings by rule:");
            fp.forEach((rule, n) -> out.printf(Locale.ROOT, "      %5d  %s%n", n, rule));
        }
        out.println("  Story membership (for each cluster, the story holding most of its findings):");
        for (Membership m : storyMembership()) {
            if (m.best() == null) {
                out.printf(Locale.ROOT, "    %s: no findings%n", m.cluster());
                continue;
            }
            out.printf(Locale.ROOT, "    %s: %d findings in %d stories; %s holds %d of them (recall %.1f%%) among its %d"
                            + " findings (precision %.1f%%)%n", m.cluster(), m.findings(), m.groups(), m.best(), m.inBest(),
                    100 * m.recall(), m.bestSize(), 100 * m.precision());
        }
        out.flush();
    }

    /** Prints cluster membership, given the pipeline's cluster of each story (from clusters.json). */
    public void printClusters(PrintWriter out, Map<String, String> clusterOfStory) {
        out.println("  Cluster membership (for each cluster, the activity cluster holding most of its findings):");
        for (Membership m : clusterMembership(clusterOfStory)) {
            if (m.best() == null) {
                out.printf(Locale.ROOT, "    %s: no findings in a cluster%n", m.cluster());
                continue;
            }
            out.printf(Locale.ROOT, "    %s: %d findings in %d clusters; %s holds %d of them (recall %.1f%%) among its %d"
                            + " findings (precision %.1f%%)%n", m.cluster(), m.findings(), m.groups(), m.best(), m.inBest(),
                    100 * m.recall(), m.bestSize(), 100 * m.precision());
        }
        out.flush();
    }
}
