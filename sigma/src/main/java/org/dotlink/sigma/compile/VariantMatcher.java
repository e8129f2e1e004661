package org.dotlink.sigma.compile;

import java.util.List;
import java.util.Map;
import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.dotlink.sigma.condition.Condition;
import org.dotlink.sigma.match.FieldMatcher;

/**
 * A rule variant compiled for the hot path: its conditions as a tree of nodes that hold their search
 * identifiers' matchers in arrays, so an evaluation does no map lookups and makes no closures. For events
 * already known to be of the variant's channel and event id (what {@link org.dotlink.sigma.index.RuleIndex}
 * plans guarantee): only the target's further conditions (a provider name, say) and the detection are
 * checked. Same answers as {@link CompiledRule#matches(CompiledRule.Variant, Event)} on such events.
 */
public final class VariantMatcher {

    private interface Node {
        boolean holds(Event e);
    }

    private final String[] extraFields;
    private final String[] extraValues;
    private final Node[] conditions;

    private VariantMatcher(String[] extraFields, String[] extraValues, Node[] conditions) {
        this.extraFields = extraFields;
        this.extraValues = extraValues;
        this.conditions = conditions;
    }

    public static VariantMatcher of(CompiledRule.Variant v) {
        Map<String, String> extra = v.target().map(t -> t.conditions()).orElse(Map.of());
        String[] fields = extra.keySet().stream().map(FieldNames::intern).toArray(String[]::new);
        String[] values = extra.values().toArray(String[]::new);
        Node[] conditions = v.conditions().stream().map(c -> node(c, v.identifiers())).toArray(Node[]::new);
        return new VariantMatcher(fields, values, conditions);
    }

    /** True when the variant's extra target conditions and one of its conditions hold on {@code e}. */
    public boolean matchesInPlan(Event e) {
        for (int i = 0; i < extraFields.length; i++) {
            if (!(e.rawInterned(extraFields[i]) instanceof String value) || !value.equalsIgnoreCase(extraValues[i])) {
                return false;
            }
        }
        for (Node c : conditions) {
            if (c.holds(e)) {
                return true;
            }
        }
        return false;
    }

    private static Node node(Condition c, Map<String, List<List<FieldMatcher>>> identifiers) {
        if (c instanceof Condition.Ref r) {
            FieldMatcher[][] groups = identifiers.get(r.name()).stream()
                    .map(g -> g.toArray(FieldMatcher[]::new)).toArray(FieldMatcher[][]::new);
            return e -> selected(groups, e);
        }
        if (c instanceof Condition.Not n) {
            Node inner = node(n.inner(), identifiers);
            return e -> !inner.holds(e);
        }
        if (c instanceof Condition.And a) {
            Node[] parts = nodes(a.parts(), identifiers);
            return e -> {
                for (Node p : parts) {
                    if (!p.holds(e)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (c instanceof Condition.Or o) {
            Node[] parts = nodes(o.parts(), identifiers);
            return e -> {
                for (Node p : parts) {
                    if (p.holds(e)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (c instanceof Condition.AtLeast l) {
            Node[] parts = nodes(l.parts(), identifiers);
            int need = l.count();
            return e -> {
                int held = 0;
                for (int i = 0; i < parts.length && held < need && parts.length - i >= need - held; i++) {
                    held += parts[i].holds(e) ? 1 : 0;
                }
                return held >= need;
            };
        }
        throw new IllegalArgumentException("condition not resolved: " + c);
    }

    private static Node[] nodes(List<Condition> parts, Map<String, List<List<FieldMatcher>>> identifiers) {
        return parts.stream().map(p -> node(p, identifiers)).toArray(Node[]::new);
    }

    private static boolean selected(FieldMatcher[][] groups, Event e) {
        for (FieldMatcher[] group : groups) {
            boolean all = true;
            for (FieldMatcher m : group) {
                if (!m.matches(e)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
