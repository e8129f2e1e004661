package org.dotlink.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.dotlink.core.AssetRoles;
import org.dotlink.core.Detection;
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

/**
 * Detection coverage per tactic folder of the shared evtx-attack-samples: the share of a folder's files
 * (as its {@code INDEX_tactic_labels.csv} labels them) in which some finding is tagged with the folder's
 * tactic, with SigmaHQ's Windows rules alone and with the built-in pack added. ATT&CK v18 split
 * defense-evasion into stealth and defense-impairment; any of the three counts for that folder.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.dotlink.benchmarks.CoverageEvaluation [DATA]}
 */
public final class CoverageEvaluation {

    private static final Map<String, Set<String>> TACTICS = Map.of(
            "Command and Control", Set.of("command-and-control"),
            "Credential Access", Set.of("credential-access"),
            "Defense Evasion", Set.of("defense-evasion", "stealth", "defense-impairment"),
            "Discovery", Set.of("discovery"),
            "Execution", Set.of("execution"),
            "Lateral Movement", Set.of("lateral-movement"),
            "Persistence", Set.of("persistence"),
            "Privilege Escalation", Set.of("privilege-escalation"));

    private CoverageEvaluation() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : System.getProperty("dotlink.shared.data", "../shared/data"));
        Path samples = data.resolve("evtx-attack-samples");
        Map<String, String> folderOf = new LinkedHashMap<>();
        for (String line : Files.readAllLines(samples.resolve("INDEX_tactic_labels.csv")).stream().skip(1).toList()) {
            String[] c = line.split(",");
            if (c.length >= 2 && TACTICS.containsKey(c[1])) {
                folderOf.put(c[0], c[1]);
            }
        }
        techniqueTactics = techniqueTactics(data.resolve("attack/enterprise-attack.json"));
        Path sigma = data.resolve("sigma");
        List<Path> sigmaHq = List.of(sigma.resolve("rules"), sigma.resolve("rules-emerging-threats"),
                sigma.resolve("rules-threat-hunting"));
        Map<String, int[]> without = coverage(samples, folderOf, RuleSet.load(sigmaHq, null, Map.of()));
        Map<String, int[]> with = coverage(samples, folderOf, RuleSet.load(sigmaHq, BuiltinRules.load(), Map.of()));
        System.out.println("A file counts when a finding's tactic tags name the folder's tactic (tags), or also when one"
                + " of its techniques belongs to that tactic in ATT&CK (tags+techniques).");
        System.out.printf("%-22s %6s %16s %16s %16s %16s%n", "tactic folder", "files", "SigmaHQ: tags", "tags+techniques",
                "+built-in: tags", "tags+techniques");
        int[] total = new int[5];
        for (String folder : with.keySet()) {
            int[] a = without.get(folder);
            int[] b = with.get(folder);
            total[0] += b[0];
            total[1] += a[1];
            total[2] += a[2];
            total[3] += b[1];
            total[4] += b[2];
            row(folder, b[0], a[1], a[2], b[1], b[2]);
        }
        row("all", total[0], total[1], total[2], total[3], total[4]);
    }

    private static void row(String name, int files, int... hits) {
        StringBuilder sb = new StringBuilder(String.format("%-22s %6d", name, files));
        for (int h : hits) {
            sb.append(String.format(" %6d (%5.1f%%)", h, 100.0 * h / files));
        }
        System.out.println(sb);
    }

    /** Per folder: {files, files where a finding's tags carry the folder's tactic, the same through techniques}. */
    /** ATT&CK technique id → the tactics (short names) it belongs to, from the enterprise bundle. */
    private static Map<String, Set<String>> techniqueTactics = Map.of();

    private static Map<String, Set<String>> techniqueTactics(Path bundle) throws Exception {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bundle.toFile());
        for (com.fasterxml.jackson.databind.JsonNode o : root.path("objects")) {
            if (!o.path("type").asText().equals("attack-pattern") || o.path("revoked").asBoolean()) {
                continue;
            }
            String id = null;
            for (com.fasterxml.jackson.databind.JsonNode r : o.path("external_references")) {
                if (r.path("source_name").asText().equals("mitre-attack")) {
                    id = r.path("external_id").asText();
                }
            }
            if (id != null) {
                Set<String> t = out.computeIfAbsent(id, k -> new HashSet<>());
                o.path("kill_chain_phases").forEach(k -> t.add(k.path("phase_name").asText()));
            }
        }
        return out;
    }

    private static Map<String, int[]> coverage(Path samples, Map<String, String> folderOf, RuleSet rules)
            throws Exception {
        RuleIndex index = new RuleIndex(rules.rules());
        Map<String, int[]> out = new TreeMap<>();
        for (var e : folderOf.entrySet()) {
            Path file = samples.resolve(e.getKey());
            Set<String> want = TACTICS.get(e.getValue());
            Detector detector = new Detector(index, AssetRoles.NONE,
                    new CorrelationEngine(rules.correlations(), new InMemoryCorrelationState()));
            List<Finding> findings = new ArrayList<>();
            List<Detection> inputs = new ArrayList<>();
            EventSources sources = new EventSources(new InputDiscovery(List.of(file.toString())));
            while (sources.hasNext()) {
                Callable<EventBatch> task = sources.next();
                Detector.Result r = detector.detect(task.call().events());
                findings.addAll(r.findings());
                inputs.addAll(r.correlationInputs());
            }
            findings.addAll(detector.correlate(inputs));
            Set<String> tactics = new HashSet<>();
            findings.forEach(f -> tactics.addAll(f.rule().tactics()));
            Set<String> viaTechniques = new HashSet<>(tactics);
            findings.forEach(f -> f.rule().techniques().forEach(t -> viaTechniques.addAll(
                    techniqueTactics.getOrDefault(t, Set.of()))));
            int[] counts = out.computeIfAbsent(e.getValue(), k -> new int[3]);
            counts[0]++;
            if (tactics.stream().anyMatch(want::contains)) {
                counts[1]++;
            }
            if (viaTechniques.stream().anyMatch(want::contains)) {
                counts[2]++;
            }
        }
        return out;
    }
}
