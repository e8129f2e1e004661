package org.dotlink.sigma.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;

/** Reads ATT&CK ids out of Sigma tags, and builds the {@link RuleInfo} a rule's detections carry. */
final class AttackTags {

    private static final Pattern TECHNIQUE = Pattern.compile("attack\\.t\\d{4}(\\.\\d{3})?");
    private static final Pattern GROUP_OR_SOFTWARE = Pattern.compile("attack\\.[gs]\\d{4}");
    private static final Pattern SOFTWARE = Pattern.compile("attack\\.s\\d{4}");

    private AttackTags() {}

    /** {@code attack.t1003.001} gives {@code T1003.001}. */
    static List<String> techniques(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            String tag = t.toLowerCase(Locale.ROOT);
            if (TECHNIQUE.matcher(tag).matches()) {
                out.add(tag.substring("attack.".length()).toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** {@code attack.s0002} gives {@code S0002}. */
    static List<String> software(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            String tag = t.toLowerCase(Locale.ROOT);
            if (SOFTWARE.matcher(tag).matches()) {
                out.add(tag.substring("attack.".length()).toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** {@code attack.credential-access} and {@code attack.credential_access} give {@code credential-access}. */
    static List<String> tactics(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            String tag = t.toLowerCase(Locale.ROOT);
            if (tag.startsWith("attack.") && !TECHNIQUE.matcher(tag).matches()
                    && !GROUP_OR_SOFTWARE.matcher(tag).matches()) {
                out.add(tag.substring("attack.".length()).replace('_', '-'));
            }
        }
        return out;
    }

    /** The rule as detections name it; an unknown level counts as informational. */
    static RuleInfo info(String id, String title, String level, List<String> tags) {
        Level l;
        try {
            l = Level.parse(level);
        } catch (IllegalArgumentException e) {
            l = Level.INFORMATIONAL;
        }
        return new RuleInfo(id, title, l, techniques(tags), tactics(tags), software(tags));
    }
}
