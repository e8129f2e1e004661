package org.dotlink.sigma.compile;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.dotlink.sigma.condition.Condition;
import org.dotlink.sigma.match.ContainedLiterals;
import org.dotlink.sigma.match.FieldMatcher;

/**
 * A rule variant compiled for the hot path: its conditions as a tree of nodes that hold their search
 * identifiers' matchers in arrays, so an evaluation does no map lookups and makes no closures. For events
 * already known to be of the variant's channel and event id (what {@link org.dotlink.sigma.index.RuleIndex}
 * plans guarantee): only the target's further conditions (a provider name, say) and the detection are
 * checked. Same answers as {@link CompiledRule#matches(CompiledRule.Variant, Event)} on such events.
 *
 * <p>Plain {@code contains} items can be decided by literal ids instead of by reading their field: the
 * index scans the field with an automaton holding the item's literals and tells which ids it found
 * ({@link LiteralsSeen}).
 */
public final class VariantMatcher {

    /** Which literal ids were found in the event being matched. */
    public interface LiteralsSeen {
        boolean seen(int id);
    }

    private interface Node {
        boolean holds(Event e, LiteralsSeen seen);
    }

    /**
     * One item: its matcher, and when the index decides it by literals, the ids of each value's literals
     * (any one of them satisfies the value) and whether every value must be present.
     */
    private record Item(FieldMatcher matcher, int[][] ids, boolean all) {
        int cost() {
            return ids != null ? 0 : matcher.cost();
        }

        boolean holds(Event e, LiteralsSeen seen) {
            if (ids == null || seen == null) {
                return matcher.matches(e);
            }
            for (int[] value : ids) {
                boolean present = false;
                for (int id : value) {
                    if (seen.seen(id)) {
                        present = true;
                        break;
                    }
                }
                if (present != all) {
                    return present;
                }
            }
            return all;
        }
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
        return of(v, c -> null);
    }

    /**
     * @param literalIds for a plain contains item, the ids its values' literals will be reported by (one
     *                   array per value, one id per literal), or null to evaluate the item by its matcher
     */
    public static VariantMatcher of(CompiledRule.Variant v, Function<ContainedLiterals, int[][]> literalIds) {
        Map<String, String> extra = v.target().map(t -> t.conditions()).orElse(Map.of());
        String[] fields = extra.keySet().stream().map(FieldNames::intern).toArray(String[]::new);
        String[] values = extra.values().toArray(String[]::new);
        Node[] conditions = v.conditions().stream().map(c -> node(c, v.identifiers(), literalIds)).toArray(Node[]::new);
        return new VariantMatcher(fields, values, conditions);
    }

    /** True when the variant's extra target conditions and one of its conditions hold on {@code e}. */
    public boolean matchesInPlan(Event e) {
        return matchesInPlan(e, null);
    }

    /**
     * As {@link #matchesInPlan(Event)}, with the items that have literal ids decided by {@code seen}, which
     * must know every literal of this variant's items in {@code e}'s fields.
     */
    public boolean matchesInPlan(Event e, LiteralsSeen seen) {
        for (int i = 0; i < extraFields.length; i++) {
            if (!(e.rawInterned(extraFields[i]) instanceof String value) || !value.equalsIgnoreCase(extraValues[i])) {
                return false;
            }
        }
        for (Node c : conditions) {
            if (c.holds(e, seen)) {
                return true;
            }
        }
        return false;
    }

    private static Node node(Condition c, Map<String, List<List<FieldMatcher>>> identifiers,
                             Function<ContainedLiterals, int[][]> literalIds) {
        if (c instanceof Condition.Ref r) {
            // a group holds when all its items do: the cheapest are asked first (items decided by literal ids,
            // then string comparisons, then parsed comparisons, then regexes), so that a failing one spares the rest
            Item[][] groups = identifiers.get(r.name()).stream()
                    .map(g -> g.stream().map(m -> item(m, literalIds)).sorted(Comparator.comparingInt(Item::cost))
                            .toArray(Item[]::new)).toArray(Item[][]::new);
            return (e, seen) -> selected(groups, e, seen);
        }
        if (c instanceof Condition.Not n) {
            Node inner = node(n.inner(), identifiers, literalIds);
            return (e, seen) -> !inner.holds(e, seen);
        }
        if (c instanceof Condition.And a) {
            Node[] parts = nodes(a.parts(), identifiers, literalIds);
            return (e, seen) -> {
                for (Node p : parts) {
                    if (!p.holds(e, seen)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (c instanceof Condition.Or o) {
            Node[] parts = nodes(o.parts(), identifiers, literalIds);
            return (e, seen) -> {
                for (Node p : parts) {
                    if (p.holds(e, seen)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (c instanceof Condition.AtLeast l) {
            Node[] parts = nodes(l.parts(), identifiers, literalIds);
            int need = l.count();
            return (e, seen) -> {
                int held = 0;
                for (int i = 0; i < parts.length && held < need && parts.length - i >= need - held; i++) {
                    held += parts[i].holds(e, seen) ? 1 : 0;
                }
                return held >= need;
            };
        }
        throw new IllegalArgumentException("condition not resolved: " + c);
    }

    private static Node[] nodes(List<Condition> parts, Map<String, List<List<FieldMatcher>>> identifiers,
                                Function<ContainedLiterals, int[][]> literalIds) {
        return parts.stream().map(p -> node(p, identifiers, literalIds)).toArray(Node[]::new);
    }

    private static Item item(FieldMatcher m, Function<ContainedLiterals, int[][]> literalIds) {
        ContainedLiterals c = m.contained();
        int[][] ids = c == null ? null : literalIds.apply(c);
        return new Item(m, ids, c != null && c.all());
    }

    private static boolean selected(Item[][] groups, Event e, LiteralsSeen seen) {
        for (Item[] group : groups) {
            boolean all = true;
            for (Item m : group) {
                if (!m.holds(e, seen)) {
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
