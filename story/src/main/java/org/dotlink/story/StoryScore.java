package org.dotlink.story;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;

/**
 * The score of a story, so that analysts read the worst first:
 * <pre>
 *   score = Σ over the story's distinct rules: weight(level) × rarity(rule) × (1 + ln(findings of the rule in the story))
 *         + 3 × distinct tactics + 2 × (hosts − 1) + 3 × hosts with an asset role
 * </pre>
 * with weight 1, 2, 4, 8, 16 from informational to critical (the finding's level, so already raised on a
 * critical asset), and rarity(rule) = 1 / (1 + log10(all findings of the rule)) × (1 − ½ × share of all
 * hosts it fired on): a rule that fires everywhere weighs little.
 */
final class StoryScore {

    /** One finding of the run, for the rarity counts. */
    record Hit(String ruleId, String host) {}

    /** One finding of a story. */
    record Member(RuleInfo rule, Level level, String host, String assetRole) {}

    private final Map<String, Integer> findingsOfRule = new HashMap<>();
    private final Map<String, Set<String>> hostsOfRule = new HashMap<>();
    private final int hosts;

    StoryScore(List<Hit> all) {
        Set<String> h = new HashSet<>();
        for (Hit hit : all) {
            findingsOfRule.merge(hit.ruleId(), 1, Integer::sum);
            hostsOfRule.computeIfAbsent(hit.ruleId(), k -> new HashSet<>()).add(hit.host());
            h.add(hit.host());
        }
        this.hosts = Math.max(1, h.size());
    }

    double rarity(String ruleId) {
        int n = findingsOfRule.getOrDefault(ruleId, 1);
        double hostShare = hostsOfRule.getOrDefault(ruleId, Set.of()).size() / (double) hosts;
        return 1.0 / (1 + Math.log10(n)) * (1 - 0.5 * hostShare);
    }

    double score(List<Member> members) {
        Map<String, Integer> count = new HashMap<>();
        Map<String, Level> level = new HashMap<>();
        Set<String> tactics = new HashSet<>();
        Set<String> storyHosts = new HashSet<>();
        Set<String> assetHosts = new HashSet<>();
        for (Member m : members) {
            count.merge(m.rule().id(), 1, Integer::sum);
            level.merge(m.rule().id(), m.level(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            tactics.addAll(m.rule().tactics());
            storyHosts.add(m.host());
            if (m.assetRole() != null) {
                assetHosts.add(m.host());
            }
        }
        double s = 0;
        for (var e : count.entrySet()) {
            double weight = 1 << level.get(e.getKey()).ordinal();
            s += weight * rarity(e.getKey()) * (1 + Math.log(e.getValue()));
        }
        s += 3.0 * tactics.size() + 2.0 * (storyHosts.size() - 1) + 3.0 * assetHosts.size();
        return Math.round(s * 100) / 100.0;
    }
}
