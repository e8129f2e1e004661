package org.dotlink.sigma.rule;

import java.util.List;
import java.util.Optional;

/**
 * One line of a search identifier: a field (absent for keyword search), its modifier chain as written
 * ({@code Image|endswith} gives {@code [endswith]}) and its values as YAML gave them (String, Number,
 * Boolean, or null); several values are OR'ed unless the chain says {@code all}.
 */
public record DetectionItem(Optional<String> field, List<String> modifiers, List<Object> values) {

    public DetectionItem {
        modifiers = List.copyOf(modifiers);
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values)); // null values allowed
    }
}
