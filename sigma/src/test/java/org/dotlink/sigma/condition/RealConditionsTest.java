package org.dotlink.sigma.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.dotlink.sigma.SigmaHq;
import org.dotlink.sigma.rule.SigmaRule;
import org.junit.jupiter.api.Test;

/** Every condition of every SigmaHQ rule parses and resolves against its own detection's identifiers. */
class RealConditionsTest {

    @Test
    void everyRealConditionParsesAndResolves() {
        List<String> failures = new ArrayList<>();
        int conditions = 0;
        List<SigmaRule> rules = SigmaHq.allRules().rules();
        for (SigmaRule rule : rules) {
            for (String text : rule.conditions()) {
                conditions++;
                try {
                    ConditionParser.parse(text).resolve(rule.identifiers());
                } catch (ConditionException e) {
                    failures.add(rule.source() + ": " + e.getMessage());
                }
            }
        }
        System.out.println("SigmaHQ conditions: " + rules.size() + " rules, " + conditions + " conditions, "
                + failures.size() + " failed");
        failures.forEach(System.out::println);
        assertEquals(3754, rules.size());
        assertEquals(List.of(), failures);
    }
}
