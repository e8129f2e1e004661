package org.dotlink.sigma.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every condition of every SigmaHQ rule parses and resolves against its own detection's identifiers. */
class RealConditionsTest {

    @Test
    void everyRealConditionParsesAndResolves() throws Exception {
        Path sigma = Path.of(System.getProperty("dotlink.shared.data", "../../shared/data")).resolve("sigma");
        if (!Files.isDirectory(sigma)) {
            System.out.println("SKIPPED: SigmaHQ rules not found at " + sigma.toAbsolutePath());
        }
        assumeTrue(Files.isDirectory(sigma), "SigmaHQ rules not found at " + sigma.toAbsolutePath());
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> failures = new ArrayList<>();
        int rules = 0;
        int conditions = 0;
        for (String dir : List.of("rules", "rules-emerging-threats", "rules-threat-hunting")) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sigma.resolve(dir))) {
                files = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            }
            for (Path f : files) {
                JsonNode detection = yaml.readTree(f.toFile()).path("detection");
                if (detection.isMissingNode()) {
                    continue; // correlation rules and filters have no detection section
                }
                rules++;
                List<String> ids = new ArrayList<>();
                for (Iterator<String> it = detection.fieldNames(); it.hasNext();) {
                    String id = it.next();
                    if (!id.equals("condition") && !id.equals("timeframe")) {
                        ids.add(id);
                    }
                }
                JsonNode cond = detection.path("condition");
                List<String> texts = new ArrayList<>();
                if (cond.isArray()) {
                    cond.forEach(c -> texts.add(c.asText()));
                } else {
                    texts.add(cond.asText());
                }
                for (String text : texts) {
                    conditions++;
                    try {
                        ConditionParser.parse(text).resolve(ids);
                    } catch (ConditionException e) {
                        failures.add(sigma.relativize(f) + ": " + e.getMessage());
                    }
                }
            }
        }
        System.out.println("SigmaHQ conditions: " + rules + " rules, " + conditions + " conditions, "
                + failures.size() + " failed");
        failures.forEach(System.out::println);
        assertEquals(List.of(), failures);
    }
}
