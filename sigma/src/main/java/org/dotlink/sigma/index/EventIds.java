package org.dotlink.sigma.index;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dotlink.core.FieldNames;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.condition.Condition;
import org.dotlink.sigma.match.FieldMatcher;

/**
 * The event ids a rule variant's detection itself requires: SigmaHQ's rules for a service (Security,
 * System) name their {@code EventID} in the detection, not in the logsource, so the logsource mapping alone
 * would put them before every event of the channel. Derived from the condition as {@link FastPattern}
 * derives literals: an item {@code EventID: [4624, 4625]} requires those ids, a group of items any one's
 * ids (the intersection when several name it), an AND what any of its parts requires (the intersection),
 * an OR what all of its parts require (the union; nothing when one part requires nothing), a NOT nothing.
 */
final class EventIds {

    private EventIds() {}

    /** The ids every event matching the variant has as its {@code EventID}; null when it may have any. */
    static Set<Integer> of(CompiledRule.Variant v) {
        return anyOf(v.conditions(), v.identifiers());
    }

    private static Set<Integer> need(Condition c, Map<String, List<List<FieldMatcher>>> identifiers) {
        if (c instanceof Condition.Ref r) {
            List<List<FieldMatcher>> groups = identifiers.get(r.name());
            if (groups == null || groups.isEmpty()) {
                return null;
            }
            Set<Integer> union = new HashSet<>();
            for (List<FieldMatcher> group : groups) {
                Set<Integer> ids = null;
                for (FieldMatcher m : group) {
                    int[] numbers = m.equalNumbers(FieldNames.EVENT_ID);
                    if (numbers != null) {
                        Set<Integer> these = new HashSet<>();
                        for (int n : numbers) {
                            these.add(n);
                        }
                        ids = intersection(ids, these);
                    }
                }
                if (ids == null) {
                    return null;
                }
                union.addAll(ids);
            }
            return union;
        }
        if (c instanceof Condition.And a) {
            Set<Integer> ids = null;
            for (Condition p : a.parts()) {
                ids = intersection(ids, need(p, identifiers));
            }
            return ids;
        }
        if (c instanceof Condition.Or o) {
            return anyOf(o.parts(), identifiers);
        }
        if (c instanceof Condition.AtLeast l) {
            return anyOf(l.parts(), identifiers); // at least one part holds (the count is at least 1)
        }
        return null; // Not: no id is necessary
    }

    /** For alternatives any one of which may hold: the union of what each requires; null when one requires nothing. */
    private static Set<Integer> anyOf(List<Condition> parts, Map<String, List<List<FieldMatcher>>> identifiers) {
        Set<Integer> union = new HashSet<>();
        for (Condition p : parts) {
            Set<Integer> ids = need(p, identifiers);
            if (ids == null) {
                return null;
            }
            union.addAll(ids);
        }
        return union;
    }

    /** Both constraints at once; null stands for "any id". */
    private static Set<Integer> intersection(Set<Integer> a, Set<Integer> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        Set<Integer> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }
}
