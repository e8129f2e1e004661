package org.dotlink.sigma.rule;

import java.util.List;

/**
 * A named part of a rule's detection ({@code selection}, {@code filter_main_x}): one or more groups of
 * items, where the items of a group must all match and any one group is enough. A map in YAML is one
 * group; a list of maps is several; a list of plain values is keyword search (each keyword its own group).
 */
public record SearchIdentifier(String name, List<List<DetectionItem>> groups) {

    public SearchIdentifier {
        groups = groups.stream().map(List::copyOf).toList();
    }
}
