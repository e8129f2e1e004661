package org.dotlink.sigma.rule;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.core.RuleInfo;

/**
 * A Sigma correlation rule as loaded from YAML (Sigma 2.1 {@code correlation:}): what it correlates
 * ({@code rules}, by {@code id} or {@code name} of detection rules or other correlations), how
 * ({@code type}, {@code condition}), per what ({@code group-by}, with {@code aliases}) and within how long
 * ({@code timespan}). References are resolved when correlations are compiled, not here.
 *
 * @param name     the optional {@code name} by which other correlations refer to it; "" when absent
 * @param aliases  alias name → (rule reference → the field holding the alias' value in that rule's events)
 * @param generate whether the referenced rules' own detections are reported too ({@code generate: true})
 * @param file     the file (or resource) it was read from
 * @param line     the line of its YAML document
 */
public record CorrelationRule(String id, String name, String title, String level, String status, List<String> tags,
                              CorrelationType type, List<String> rules, List<String> groupBy, Duration timespan,
                              CorrelationCondition condition, Map<String, Map<String, String>> aliases,
                              boolean generate, String file, int line) {

    public CorrelationRule {
        tags = List.copyOf(tags);
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        aliases.forEach((alias, byRule) -> copy.put(alias, Map.copyOf(byRule)));
        aliases = Collections.unmodifiableMap(copy);
    }

    /** Where it was read: {@code file:line}. */
    public String source() {
        return file + ":" + line;
    }

    /** The correlation as its detections name it; an unknown level counts as informational. */
    public RuleInfo info() {
        return AttackTags.info(id, title, level, tags);
    }

    /** True when {@code reference} (an entry of another correlation's {@code rules}) names this correlation. */
    public boolean isNamedBy(String reference) {
        return (!id.isEmpty() && id.equals(reference)) || (!name.isEmpty() && name.equals(reference));
    }

    /** A problem with this correlation, located at its document. */
    public RuleProblem problem(String message) {
        return new RuleProblem(file, line, "correlation '" + title + "': " + message);
    }
}
