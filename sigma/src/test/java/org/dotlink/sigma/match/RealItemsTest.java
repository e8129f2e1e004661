package org.dotlink.sigma.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dotlink.sigma.SigmaHq;
import org.dotlink.sigma.rule.DetectionItem;
import org.dotlink.sigma.rule.SearchIdentifier;
import org.dotlink.sigma.rule.SigmaRule;
import org.junit.jupiter.api.Test;

/**
 * Every detection item of every SigmaHQ rule compiles. Items whose {@code expand} placeholders have no
 * values here are expected to fail, with a message saying so, and are counted separately.
 */
class RealItemsTest {

    @Test
    void everyRealDetectionItemCompiles() {
        ItemCompiler compiler = new ItemCompiler(Map.of());
        List<String> failures = new ArrayList<>();
        int items = 0;
        int placeholderItems = 0;
        for (SigmaRule rule : SigmaHq.allRules().rules()) {
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
        System.out.println("SigmaHQ detection items: " + items + " compiled or checked, " + placeholderItems
                + " need placeholder values, " + failures.size() + " failed");
        failures.forEach(System.out::println);
        assertTrue(items > 10_000, "expected the full SigmaHQ rule set, saw " + items + " items");
        assertEquals(List.of(), failures);
    }
}
