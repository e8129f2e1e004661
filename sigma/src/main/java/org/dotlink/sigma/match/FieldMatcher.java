package org.dotlink.sigma.match;

import java.util.List;
import java.util.Map;
import org.dotlink.core.Event;

/**
 * One compiled Sigma detection item: a field (or none, for a keyword search), its modifier chain and
 * its value(s). Compile with {@link #compile(String, Object)} (key as written in the rule, e.g.
 * {@code "CommandLine|contains|all|windash"}) or through an {@link ItemCompiler} that carries the
 * {@code expand} placeholder values. Matchers are immutable and thread-safe.
 */
public interface FieldMatcher {

    /** True when the event satisfies the item. */
    boolean matches(Event e);

    /**
     * Groups of literals the event must hold one literal of each of for this item to match; empty when
     * the item gives none (the rule index then evaluates it for every candidate event).
     */
    default List<Literals> literals() {
        return List.of();
    }

    /**
     * The item as literals an automaton over its field can decide exactly, when it is a plain
     * case-insensitive {@code contains} on a named field; null otherwise.
     */
    default ContainedLiterals contained() {
        return null;
    }

    /**
     * How costly the item is to evaluate, roughly, to order the items of a group (all of which must hold)
     * cheapest first: 1 for string comparisons, 2 for parsed comparisons (networks, numbers, times, another
     * field), 3 for regular expressions and keyword searches over every field.
     */
    default int cost() {
        return 1;
    }

    /**
     * The numbers one of which the field named {@code canonicalField} ({@link org.dotlink.core.FieldNames#intern})
     * must equal for this item to match, when the item is a plain equality on that field whose values are all
     * whole decimal numbers ({@code EventID: [4624, 4625]}); null otherwise.
     */
    default int[] equalNumbers(String canonicalField) {
        return null;
    }

    /**
     * Compiles an item without placeholder values ({@code expand} then fails).
     *
     * @param key   the detection map key: {@code Field}, {@code Field|mod1|mod2}, or {@code ""} /
     *              {@code "|all"} / {@code null} for a keyword search over every field
     * @param value a String, Number, Boolean, null, or a List of those, as YAML gives them
     * @throws MatchCompileException when the item cannot be compiled (e.g. an unknown modifier)
     */
    static FieldMatcher compile(String key, Object value) {
        return new ItemCompiler(Map.of()).compile(key, value);
    }

    /** As {@link #compile(String, Object)}, with the values of {@code expand} placeholders (name without %). */
    static FieldMatcher compile(String key, Object value, Map<String, List<String>> placeholders) {
        return new ItemCompiler(placeholders).compile(key, value);
    }
}
