package org.dotlink.intel.recognition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dotlink.intel.attribution.ObservedProfile;

/**
 * The techniques and software of a hunt's findings taken together, read from its {@code findings.jsonl}:
 * each line's {@code techniques} and {@code software}, and the software its {@code fields} name
 * ({@link SoftwareRecognizer#fromFields}).
 *
 * @param profile  what the findings show, as one observation
 * @param findings the number of findings read
 * @param problems lines that could not be read, each with the file and line number
 */
public record FindingsProfile(ObservedProfile profile, int findings, List<String> problems) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public FindingsProfile {
        problems = List.copyOf(problems);
    }

    /**
     * Reads {@code findings.jsonl}.
     *
     * @param recognizer recognises software by file name; null to take only the findings' own software
     */
    @SuppressWarnings("unchecked")
    public static FindingsProfile read(Path findingsJsonl, SoftwareRecognizer recognizer) throws IOException {
        Set<String> techniques = new TreeSet<>();
        Set<String> software = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        int findings = 0;
        try (BufferedReader in = Files.newBufferedReader(findingsJsonl, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode finding;
                try {
                    finding = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    problems.add(findingsJsonl + ":" + number + ": not a JSON object: " + e.getOriginalMessage());
                    continue;
                }
                if (finding == null || !finding.isObject()) {
                    problems.add(findingsJsonl + ":" + number + ": not a JSON object");
                    continue;
                }
                findings++;
                finding.path("techniques").forEach(t -> techniques.add(t.asText()));
                finding.path("software").forEach(s -> software.add(s.asText()));
                if (recognizer != null && finding.path("fields").isObject()) {
                    software.addAll(recognizer.fromFields(JSON.convertValue(finding.get("fields"), Map.class)));
                }
            }
        }
        return new FindingsProfile(new ObservedProfile(techniques, software), findings, problems);
    }
}
