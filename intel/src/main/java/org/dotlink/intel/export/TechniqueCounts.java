package org.dotlink.intel.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many findings each ATT&amp;CK technique has, over the whole hunt and per story, with the rules that
 * gave them; what layers are scored by. Read from {@code findings.jsonl} in one pass, in memory bounded by
 * the number of distinct (story, technique) pairs and rules, not by the number of findings.
 */
public final class TechniqueCounts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> overall = new TreeMap<>();
    private final Map<String, Map<String, Long>> byStory = new HashMap<>();
    private final Map<String, Map<String, Long>> rulesByTechnique = new HashMap<>();

    /** Counts one finding. */
    public void add(String story, Collection<String> techniques, String ruleTitle) {
        for (String t : techniques) {
            overall.merge(t, 1L, Long::sum);
            if (story != null) {
                byStory.computeIfAbsent(story, k -> new TreeMap<>()).merge(t, 1L, Long::sum);
            }
            if (ruleTitle != null) {
                rulesByTechnique.computeIfAbsent(t, k -> new HashMap<>()).merge(ruleTitle, 1L, Long::sum);
            }
        }
    }

    /** Reads a hunt's {@code findings.jsonl}; lines that are not JSON objects are skipped. */
    public static TechniqueCounts read(Path findingsJsonl) throws IOException {
        TechniqueCounts counts = new TechniqueCounts();
        try (BufferedReader in = Files.newBufferedReader(findingsJsonl, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    counts.add(JSON.readTree(line));
                } catch (JsonProcessingException e) {
                    // not a finding
                }
            }
        }
        return counts;
    }

    /** Counts one finding as {@code findings.jsonl} writes it. */
    private void add(JsonNode finding) {
        List<String> techniques = new java.util.ArrayList<>();
        finding.path("techniques").forEach(t -> techniques.add(t.asText()));
        JsonNode story = finding.path("story");
        add(story.isTextual() ? story.asText() : null, techniques, finding.path("rule_title").asText(null));
    }

    /** Findings per technique over the hunt, by technique id. */
    public Map<String, Long> overall() {
        return overall;
    }

    /** Findings per technique over the given stories. */
    public Map<String, Long> ofStories(Collection<String> storyIds) {
        Map<String, Long> out = new TreeMap<>();
        for (String s : storyIds) {
            byStory.getOrDefault(s, Map.of()).forEach((t, n) -> out.merge(t, n, Long::sum));
        }
        return out;
    }

    /** The rules that gave a technique's findings, most findings first, at most {@code k}. */
    public Map<String, Long> topRules(String technique, int k) {
        Map<String, Long> out = new LinkedHashMap<>();
        rulesByTechnique.getOrDefault(technique, Map.of()).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(k).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
