package org.dotlink.sigma.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Sigma filter (Sigma 2.1 {@code filter:}): search identifiers and a condition that, for each rule it
 * names, suppress that rule's matches: the rule then matches an event only when its own condition
 * holds and the filter's does not ("rule and not filter"). A filter applies to a named rule only when
 * their logsources agree (every part the filter's logsource gives equals the rule's).
 *
 * @param rules      the rules it applies to, by {@code id} or {@code name}
 * @param detection  its search identifiers (every key of {@code filter:} but {@code rules} and {@code condition})
 * @param conditions its condition(s)
 */
public record SigmaFilter(String id, String title, Logsource logsource, List<String> rules,
                          List<SearchIdentifier> detection, List<String> conditions, String file, int line) {

    public SigmaFilter {
        rules = List.copyOf(rules);
        detection = List.copyOf(detection);
        conditions = List.copyOf(conditions);
    }

    /** Where it was read: {@code file:line}. */
    public String source() {
        return file + ":" + line;
    }

    /** The names of its search identifiers, in the order written. */
    public List<String> identifiers() {
        return detection.stream().map(SearchIdentifier::name).toList();
    }

    /** True when the filter names {@code rule} and their logsources agree. */
    public boolean appliesTo(SigmaRule rule) {
        return rules.stream().anyMatch(rule::isNamedBy) && agrees(rule.logsource());
    }

    /**
     * What is wrong with this filter's references given the loaded rules: a reference that names no rule,
     * or names only rules whose logsource disagrees with the filter's (the filter is not applied to those).
     */
    public List<RuleProblem> problems(List<SigmaRule> loaded) {
        List<RuleProblem> out = new ArrayList<>();
        for (String ref : rules) {
            List<SigmaRule> named = loaded.stream().filter(r -> r.isNamedBy(ref)).toList();
            if (named.isEmpty()) {
                out.add(new RuleProblem(file, line, "filter '" + title + "': no loaded rule has the id or name '" + ref
                        + "'"));
            } else if (named.stream().noneMatch(r -> agrees(r.logsource()))) {
                out.add(new RuleProblem(file, line, "filter '" + title + "': its logsource (" + logsource
                        + ") disagrees with that of rule '" + ref + "' (" + named.get(0).logsource()
                        + "), so it is not applied"));
            }
        }
        return out;
    }

    private boolean agrees(Logsource ruleLogsource) {
        return same(logsource.category(), ruleLogsource.category()) && same(logsource.product(), ruleLogsource.product())
                && same(logsource.service(), ruleLogsource.service());
    }

    private static boolean same(Optional<String> filter, Optional<String> rule) {
        return filter.isEmpty() || filter.equals(rule);
    }
}
