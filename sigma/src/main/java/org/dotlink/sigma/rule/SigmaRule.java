package org.dotlink.sigma.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;

/**
 * A Sigma detection rule as loaded from YAML: its metadata, logsource, search identifiers (in the
 * order written) and condition(s). Compiling it into a matcher is a separate step.
 *
 * @param source where it was read: the file, and {@code :line} of its document
 */
public record SigmaRule(String id, String title, String level, String status, List<String> tags, Logsource logsource,
                        List<SearchIdentifier> detection, List<String> conditions, String source) {

    private static final Pattern TECHNIQUE = Pattern.compile("attack\\.t\\d{4}(\\.\\d{3})?");
    private static final Pattern GROUP_OR_SOFTWARE = Pattern.compile("attack\\.[gs]\\d{4}");

    public SigmaRule {
        tags = List.copyOf(tags);
        detection = List.copyOf(detection);
        conditions = List.copyOf(conditions);
    }

    /** The names of the search identifiers, in the order written (what condition patterns expand over). */
    public List<String> identifiers() {
        return detection.stream().map(SearchIdentifier::name).toList();
    }

    /** ATT&CK technique ids from the tags ({@code attack.t1003.001} gives {@code T1003.001}). */
    public List<String> techniques() {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            String tag = t.toLowerCase(Locale.ROOT);
            if (TECHNIQUE.matcher(tag).matches()) {
                out.add(tag.substring("attack.".length()).toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** ATT&CK software ids from the tags ({@code attack.s0002} gives {@code S0002}). */
    public List<String> software() {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            String tag = t.toLowerCase(Locale.ROOT);
            if (tag.matches("attack\\.s\\d{4}")) {
                out.add(tag.substring("attack.".length()).toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The rule as detections name it; an unknown level counts as informational. */
    public RuleInfo info() {
        Level l;
        try {
            l = Level.parse(level);
        } catch (IllegalArgumentException e) {
            l = Level.INFORMATIONAL;
        }
        return new RuleInfo(id, title, l, techniques(), tactics(), software());
    }

    /** ATT&CK tactic short names from the tags ({@code attack.credential-access}, {@code attack.credential_access}). */
    public List<String> tactics() {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            String tag = t.toLowerCase(Locale.ROOT);
            if (tag.startsWith("attack.") && !TECHNIQUE.matcher(tag).matches() && !GROUP_OR_SOFTWARE.matcher(tag).matches()) {
                out.add(tag.substring("attack.".length()).replace('_', '-'));
            }
        }
        return out;
    }
}
