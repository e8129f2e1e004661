package org.dotlink.sigma.correlation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;

/**
 * Splits correlation work into parts that separate {@link CorrelationEngine}s can hold, each with its own
 * state, and still give exactly what one engine over everything gives: for a parallel driver, which
 * keys its correlation state by {@link #partitionsOf partition} and runs, per partition, an engine over
 * {@link #correlationsOf the correlations of that partition}.
 *
 * <p>Correlations that reference one another (a correlation of correlations) form one <i>component</i>;
 * a detection of a rule goes to every component that references the rule, once. A component of a single
 * correlation is split further by that correlation's group-by values, since its groups never meet; a
 * component of several correlations is one partition, since a correlation that reads another may group
 * differently. Partition keys are strings: the component's key ({@link CompiledCorrelation#key()} of its
 * first correlation), then for a single correlation its group-by values, separated by {@code \u0000}.
 *
 * <p>Each engine must receive its partition's detections in event-time order. Immutable and thread-safe.
 */
public final class CorrelationPartitions {

    private static final char SEPARATOR = '\u0000';

    /** Where a rule's detections go: a component and, for a single correlation, the input that reads them. */
    private record Target(String component, CompiledCorrelation.Input input) {}

    private final Map<String, List<CompiledCorrelation>> components = new LinkedHashMap<>();
    private final Map<String, List<Target>> byRuleId = new HashMap<>();

    /** @param correlations compiled correlations in dependency order, as {@link CorrelationCompiler} gives them */
    public CorrelationPartitions(List<CompiledCorrelation> correlations) {
        // union the correlations that reference one another
        Map<CompiledCorrelation, CompiledCorrelation> parent = new IdentityHashMap<>();
        correlations.forEach(c -> parent.put(c, c));
        for (CompiledCorrelation c : correlations) {
            for (CompiledCorrelation.Input in : c.inputs()) {
                if (in.correlation() != null && parent.containsKey(in.correlation())) {
                    parent.put(root(parent, in.correlation()), root(parent, c));
                }
            }
        }
        Map<CompiledCorrelation, String> componentKey = new IdentityHashMap<>();
        for (CompiledCorrelation c : correlations) {
            String key = componentKey.computeIfAbsent(root(parent, c), r -> c.key());
            components.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        for (var e : components.entrySet()) {
            boolean single = e.getValue().size() == 1;
            Map<String, Boolean> seen = new HashMap<>();
            for (CompiledCorrelation c : e.getValue()) {
                for (CompiledCorrelation.Input in : c.inputs()) {
                    if (in.rule() != null && seen.put(in.rule().info().id(), true) == null) {
                        byRuleId.computeIfAbsent(in.rule().info().id(), k -> new ArrayList<>())
                                .add(new Target(e.getKey(), single ? in : null));
                    }
                }
            }
        }
    }

    private static CompiledCorrelation root(Map<CompiledCorrelation, CompiledCorrelation> parent, CompiledCorrelation c) {
        CompiledCorrelation r = c;
        while (parent.get(r) != r) {
            r = parent.get(r);
        }
        return r;
    }

    /** The partitions a detection of a detection rule goes to; empty when no correlation references the rule. */
    public List<String> partitionsOf(Detection d) {
        List<Target> targets = byRuleId.get(d.rule().id());
        if (targets == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(targets.size());
        for (Target t : targets) {
            StringBuilder key = new StringBuilder(t.component());
            if (t.input() != null) {
                for (String v : t.input().groupValues(d)) {
                    key.append(SEPARATOR).append(v);
                }
            }
            out.add(key.toString());
        }
        return out;
    }

    /** The component a partition key belongs to. */
    public static String componentOf(String partition) {
        int at = partition.indexOf(SEPARATOR);
        return at < 0 ? partition : partition.substring(0, at);
    }

    /**
     * The correlations of a component ({@link #componentOf}), in dependency order; empty when there is no
     * such component (the rules changed since the key was made).
     */
    public List<CompiledCorrelation> correlationsOf(String component) {
        return components.getOrDefault(component, List.of());
    }

    /** The components' keys, in the order of their first correlation. */
    public List<String> components() {
        return List.copyOf(components.keySet());
    }
}
