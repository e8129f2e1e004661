package org.dotlink.sigma.match.regex;

import java.util.List;

/** A parsed regular expression, reduced to what a finite automaton needs. */
sealed interface RegexNode {

    /** One character out of a set, given as sorted, disjoint, inclusive ranges {@code lo0, hi0, lo1, hi1, ...}. */
    record Chars(int[] ranges) implements RegexNode {}

    record Concat(List<RegexNode> parts) implements RegexNode {}

    record Alternation(List<RegexNode> choices) implements RegexNode {}

    /** {@code max} is -1 for no upper bound. */
    record Repeat(RegexNode body, int min, int max) implements RegexNode {}

    /** Matches the empty string. */
    record Empty() implements RegexNode {}

    /** {@code ^} or {@code \A}: the beginning of the text (only accepted first in the whole pattern). */
    record BeginText() implements RegexNode {}

    /** {@code $} or {@code \z}: the end of the text (only accepted last in the whole pattern). */
    record EndText() implements RegexNode {}
}
