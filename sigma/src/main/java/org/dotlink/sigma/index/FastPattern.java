package org.dotlink.sigma.index;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.condition.Condition;
import org.dotlink.sigma.match.FieldMatcher;
import org.dotlink.sigma.match.Literals;

/**
 * The fast pattern of one rule variant, as network IDS engines pick one per signature: a set of
 * (field, literal) pairs at least one of which every matching event holds. Derived from the condition:
 * an AND needs only its most selective part, an OR needs something from every part, a NOT gives
 * nothing. Null when the variant has no such set (it is then evaluated on every candidate event).
 */
final class FastPattern {

    /** The shortest literal worth prefiltering on: even one character is no worse than evaluating always. */
    static final int MIN_LITERAL = 1;

    private FastPattern() {}

    /** The necessary literals of the variant, as {@link Literals} per field; null when there are none. */
    static List<Literals> of(CompiledRule.Variant v) {
        List<Literals> best = null;
        for (Condition c : v.conditions()) {
            List<Literals> need = need(c, v.identifiers());
            if (need == null) {
                return null;
            }
            best = best == null ? need : union(best, need);
        }
        return best;
    }

    private static List<Literals> need(Condition c, Map<String, List<List<FieldMatcher>>> identifiers) {
        if (c instanceof Condition.Ref r) {
            List<Literals> out = new ArrayList<>();
            for (List<FieldMatcher> group : identifiers.get(r.name())) {
                List<Literals> g = best(group.stream().map(m -> usable(m.literals())).toList());
                if (g == null) {
                    return null;
                }
                out = union(out, g);
            }
            return out.isEmpty() ? null : out;
        }
        if (c instanceof Condition.And a) {
            return best(a.parts().stream().map(p -> need(p, identifiers)).toList());
        }
        if (c instanceof Condition.Or o) {
            return all(o.parts(), identifiers);
        }
        if (c instanceof Condition.AtLeast l) {
            return all(l.parts(), identifiers);
        }
        return null; // Not, and anything else: no literal is necessary
    }

    private static List<Literals> all(List<Condition> parts, Map<String, List<List<FieldMatcher>>> identifiers) {
        List<Literals> out = new ArrayList<>();
        for (Condition p : parts) {
            List<Literals> n = need(p, identifiers);
            if (n == null) {
                return null;
            }
            out = union(out, n);
        }
        return out;
    }

    private static List<Literals> usable(Literals l) {
        return l == null || l.shortest() < MIN_LITERAL ? null : List.of(l);
    }

    /** Of several alternatives each sufficient on its own, the most selective; null when none is given. */
    private static List<Literals> best(List<List<Literals>> options) {
        List<Literals> best = null;
        for (List<Literals> o : options) {
            if (o != null && (best == null || score(o) > score(best))) {
                best = o;
            }
        }
        return best;
    }

    /** Longer shortest literal first, then fewer literals. */
    private static long score(List<Literals> need) {
        int shortest = Integer.MAX_VALUE;
        int count = 0;
        for (Literals l : need) {
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
