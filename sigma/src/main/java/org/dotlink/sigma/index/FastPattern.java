package org.dotlink.sigma.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dotlink.core.FieldNames;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.condition.Condition;
import org.dotlink.sigma.match.FieldMatcher;
import org.dotlink.sigma.match.Literals;

/**
 * The fast pattern of one rule variant, as network IDS engines pick them: groups of (field, literal)
 * pairs such that every matching event holds a literal of each group. Derived from the condition: an AND
 * needs what each of its parts needs (so a rule naming an image and a command line needs a literal of
 * both), an OR needs something from every part (one group, the union of one group of each part), a NOT
 * gives nothing. At most {@link #MAX_GROUPS} groups are kept, the most selective. Null when the variant
 * has no such group (it is then evaluated on every candidate event).
 */
final class FastPattern {

    /** The shortest literal worth prefiltering on: even one character is no worse than evaluating always. */
    static final int MIN_LITERAL = 1;
    /** The most groups a variant's pattern keeps: beyond a few, more groups rarely make fewer candidates. */
    static final int MAX_GROUPS = 3;

    private FastPattern() {}

    /**
     * The necessary groups of the variant, each a list of {@link Literals} (one per field); null when none.
     * With {@code byEventId}, the index already chooses the variant's events by their {@code EventID}
     * ({@link EventIds}), and literals of that field are not used.
     */
    static List<List<Literals>> of(CompiledRule.Variant v, boolean byEventId) {
        List<List<Literals>> need;
        if (v.conditions().size() == 1) {
            need = need(v.conditions().get(0), v.identifiers(), byEventId);
        } else {
            need = anyOf(v.conditions(), v.identifiers(), byEventId);
        }
        if (need == null || need.isEmpty()) {
            return null;
        }
        List<List<Literals>> sorted = new ArrayList<>(new LinkedHashSet<>(need));
        sorted.sort(Comparator.comparingLong(FastPattern::score).reversed());
        return List.copyOf(sorted.subList(0, Math.min(MAX_GROUPS, sorted.size())));
    }

    /** Groups every match of {@code c} satisfies (each group: one literal of it is present); null for none. */
    private static List<List<Literals>> need(Condition c, Map<String, List<List<FieldMatcher>>> identifiers, boolean byEventId) {
        if (c instanceof Condition.Ref r) {
            List<List<FieldMatcher>> groups = identifiers.get(r.name());
            if (groups.isEmpty()) {
                return null;
            }
            if (groups.size() == 1) {
                // one group of items, all of which must match: each literal group of each item is a group of its own
                List<List<Literals>> out = new ArrayList<>();
                for (FieldMatcher m : groups.get(0)) {
                    for (Literals l : m.literals()) {
                        List<Literals> u = usable(l, byEventId);
                        if (u != null) {
                            out.add(u);
                        }
                    }
                }
                return out.isEmpty() ? null : out;
            }
            // several groups, any of which may match: one group, the best literal group of the items of each
            List<Literals> union = new ArrayList<>();
            for (List<FieldMatcher> group : groups) {
                List<Literals> best = null;
                for (FieldMatcher m : group) {
                    for (Literals l : m.literals()) {
                        List<Literals> u = usable(l, byEventId);
                        if (u != null && (best == null || score(u) > score(best))) {
                            best = u;
                        }
                    }
                }
                if (best == null) {
                    return null;
                }
                union = union(union, best);
            }
            return List.of(union);
        }
        if (c instanceof Condition.And a) {
            List<List<Literals>> out = new ArrayList<>();
            for (Condition p : a.parts()) {
                List<List<Literals>> n = need(p, identifiers, byEventId);
                if (n != null) {
                    out.addAll(n);
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (c instanceof Condition.Or o) {
            return anyOf(o.parts(), identifiers, byEventId);
        }
        if (c instanceof Condition.AtLeast l) {
            return anyOf(l.parts(), identifiers, byEventId);
        }
        return null; // Not, and anything else: no literal is necessary
    }

    /** For alternatives any one of which may hold: one group, the union of the best group of each; null when one has none. */
    private static List<List<Literals>> anyOf(List<Condition> parts, Map<String, List<List<FieldMatcher>>> identifiers,
                                               boolean byEventId) {
        List<Literals> union = new ArrayList<>();
        for (Condition p : parts) {
            List<List<Literals>> n = need(p, identifiers, byEventId);
            if (n == null) {
                return null;
            }
            union = union(union, n.stream().max(Comparator.comparingLong(FastPattern::score)).orElseThrow());
        }
        return List.of(union);
    }

    private static List<Literals> usable(Literals l, boolean byEventId) {
        if (l == null || l.shortest() < MIN_LITERAL || byEventId && FieldNames.intern(l.field()) == FieldNames.EVENT_ID) {
            return null;
        }
        return List.of(l);
    }

    /** Longer shortest literal first, then fewer literals. */
    static long score(List<Literals> group) {
        int shortest = Integer.MAX_VALUE;
        int count = 0;
        for (Literals l : group) {
            shortest = Math.min(shortest, l.shortest());
            count += l.literals().size();
        }
        return ((long) Math.min(shortest, 64) << 32) - count;
    }

    private static List<Literals> union(List<Literals> a, List<Literals> b) {
        Set<Literals> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return new ArrayList<>(out);
    }
}
