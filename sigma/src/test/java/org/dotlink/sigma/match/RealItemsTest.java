package org.dotlink.sigma.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dotlink.sigma.rule.DetectionItem;
import org.dotlink.sigma.rule.RuleLoader;
import org.dotlink.sigma.rule.SearchIdentifier;
import org.dotlink.sigma.rule.SigmaRule;
import org.junit.jupiter.api.Test;

/**
 * Every detection item of every SigmaHQ rule compiles. Items whose {@code expand} placeholders have no
 * values here are expected to fail, with a message saying so, and are counted separately.
 */
class RealItemsTest {

    @Test
    void everyRealDetectionItemCompiles() throws Exception {
        Path sigma = Path.of(System.getProperty("dotlink.shared.data", "../../shared/data")).resolve("sigma");
        if (!Files.isDirectory(sigma)) {
            System.out.println("SKIPPED: SigmaHQ rules not found at " + sigma.toAbsolutePath());
        }
        assumeTrue(Files.isDirectory(sigma), "SigmaHQ rules not found at " + sigma.toAbsolutePath());
        ItemCompiler compiler = new ItemCompiler(Map.of());
        List<String> failures = new ArrayList<>();
        int items = 0;
        int placeholderItems = 0;
        for (String dir : List.of("rules", "rules-emerging-threats", "rules-threat-hunting")) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sigma.resolve(dir))) {
                files = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            }
            for (Path f : files) {
                for (SigmaRule rule : RuleLoader.load(f).rules()) {
                    for (SearchIdentifier id : rule.detection()) {
                        for (List<DetectionItem> group : id.groups()) {
                            for (DetectionItem item : group) {
                                items++;
                                Object value = item.values().size() == 1 ? item.values().get(0) : item.values();
                                try {
                                    compiler.compile(item.field().orElse(""), item.modifiers(), value);
                                } catch (MatchCompileException ex) {
                                    if (item.modifiers().contains("expand")) {
                                        assertTrue(ex.getMessage().contains("no values"), ex.getMessage());
                                        placeholderItems++;
                                    } else {
                                        failures.add(rule.source() + " " + id.name() + ": " + ex.getMessage());
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.println("SigmaHQ detection items: " + items + " compiled or checked, " + placeholderItems
                + " need placeholder values, " + failures.size() + " failed");
        failures.forEach(System.out::println);
        assertTrue(items > 10_000, "expected the full SigmaHQ rule set, saw " + items + " items");
        assertEquals(List.of(), failures);
    }
}
