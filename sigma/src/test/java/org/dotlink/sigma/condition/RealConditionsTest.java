package org.dotlink.sigma.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dotlink.sigma.rule.RuleLoader;
import org.dotlink.sigma.rule.SigmaRule;
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
        List<String> failures = new ArrayList<>();
        int rules = 0;
        int conditions = 0;
        for (String dir : List.of("rules", "rules-emerging-threats", "rules-threat-hunting")) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sigma.resolve(dir))) {
                files = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            }
            for (Path f : files) {
                for (SigmaRule rule : RuleLoader.load(f).rules()) {
                    rules++;
                    for (String text : rule.conditions()) {
                        conditions++;
                        try {
                            ConditionParser.parse(text).resolve(rule.identifiers());
                        } catch (ConditionException e) {
                            failures.add(rule.source() + ": " + e.getMessage());
                        }
                    }
                }
            }
        }
        System.out.println("SigmaHQ conditions: " + rules + " rules, " + conditions + " conditions, "
                + failures.size() + " failed");
        failures.forEach(System.out::println);
        assertEquals(3754, rules);
        assertEquals(List.of(), failures);
    }
}
