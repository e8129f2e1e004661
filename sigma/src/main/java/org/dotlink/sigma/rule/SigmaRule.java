package org.dotlink.sigma.rule;

import java.util.List;
import org.dotlink.core.RuleInfo;

/**
 * A Sigma detection rule as loaded from YAML: its metadata, logsource, search identifiers (in the
 * order written) and condition(s). Compiling it into a matcher is a separate step.
 *
 * @param source where it was read: the file, and {@code :line} of its document
 * @param name   the rule's optional {@code name} (correlations refer to rules by {@code id} or {@code name}); "" when absent
 */
public record SigmaRule(String id, String title, String level, String status, List<String> tags, Logsource logsource,
                        List<SearchIdentifier> detection, List<String> conditions, String source, String name) {

    public SigmaRule {
        tags = List.copyOf(tags);
        detection = List.copyOf(detection);
        conditions = List.copyOf(conditions);
        name = name == null ? "" : name;
    }

    /** A rule without a {@code name}. */
    public SigmaRule(String id, String title, String level, String status, List<String> tags, Logsource logsource,
                     List<SearchIdentifier> detection, List<String> conditions, String source) {
        this(id, title, level, status, tags, logsource, detection, conditions, source, "");
    }

    /** The names of the search identifiers, in the order written (what condition patterns expand over). */
    public List<String> identifiers() {
        return detection.stream().map(SearchIdentifier::name).toList();
    }

    /** ATT&CK technique ids from the tags ({@code attack.t1003.001} gives {@code T1003.001}). */
    public List<String> techniques() {
        return AttackTags.techniques(tags);
    }

    /** ATT&CK software ids from the tags ({@code attack.s0002} gives {@code S0002}). */
    public List<String> software() {
        return AttackTags.software(tags);
    }

    /** The rule as detections name it; an unknown level counts as informational. */
    public RuleInfo info() {
        return AttackTags.info(id, title, level, tags);
    }

    /** ATT&CK tactic short names from the tags ({@code attack.credential-access}, {@code attack.credential_access}). */
    public List<String> tactics() {
        return AttackTags.tactics(tags);
    }

    /** True when {@code reference} (an entry of a correlation's or filter's {@code rules}) names this rule. */
    public boolean isNamedBy(String reference) {
        return (!id.isEmpty() && id.equals(reference)) || (!name.isEmpty() && name.equals(reference));
    }
}
