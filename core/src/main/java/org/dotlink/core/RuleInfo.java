package org.dotlink.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What a detection says about the rule that made it: the rule's own id, title, level and ATT&CK tags.
 * One instance is shared by every detection of a rule.
 *
 * @param techniques ATT&CK technique ids ({@code T1003.001})
 * @param tactics    ATT&CK tactic short names ({@code credential-access})
 * @param software   ATT&CK software ids from {@code attack.sNNNN} tags ({@code S0002})
 */
public record RuleInfo(String id, String title, Level level, List<String> techniques, List<String> tactics,
                       List<String> software) {

    public RuleInfo {
        // Plain lists, not List.copyOf: stream serializers must be able to rebuild them.
        techniques = new ArrayList<>(techniques);
        tactics = new ArrayList<>(tactics);
        software = new ArrayList<>(software);
    }
}
