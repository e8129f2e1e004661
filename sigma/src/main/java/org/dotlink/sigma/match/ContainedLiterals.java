package org.dotlink.sigma.match;

import java.util.List;

/**
 * What a plain, case-insensitive {@code contains} item on a named field asks, in a form an automaton can
 * answer: for each of its values, the folded literals any one of which satisfies it (one, or several for
 * the variants an encoding modifier gives). The item holds when one value is present in some value of the
 * field, or with {@code all} when each is.
 */
public record ContainedLiterals(String field, List<List<String>> perValue, boolean all) {

    public ContainedLiterals {
        perValue = perValue.stream().map(List::copyOf).toList();
    }
}
