package org.dotlink.sigma.match.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dotlink.sigma.match.Literals;

/**
 * Where in a text an unanchored pattern's matches can begin: every match holds one of some literals and
 * begins at most {@code before} characters ahead of it. A search may then start that far ahead of the
 * first of those literals in the text instead of at its beginning, and a text holding none of them has no
 * match. {@code \$PSHome\[\s*\d{1,3}\s*\]} begins with the literal {@code $pshome[}; {@code \w+`(\w+|-|.)`}
 * begins one character ahead of a backtick, because a match of {@code \w+x} ends with a match of
 * {@code \wx}.
 */
final class RegexLead {

    private final char[][] literals;
    private final int before;

    private RegexLead(Set<String> literals, int before) {
        this.literals = literals.stream().map(String::toCharArray).toArray(char[][]::new);
        this.before = before;
    }

    /** The lead of a pattern that is not anchored at its beginning, or null when none is known. */
    static RegexLead of(RegexNode tree) {
        Found f = lead(tree);
        if (f == null || f.literals().stream().anyMatch(l -> l.chars().anyMatch(ch -> Character.isSurrogate((char) ch)))) {
            return null; // a surrogate in a literal: the automaton leaves such texts to RE2/J anyway
        }
        return new RegexLead(f.literals(), f.before());
    }

    /** Where a search of the whole of {@code text} may start, or -1 when it holds none of the literals. */
    int start(String text) {
        int[] seen = new int[literals.length];
        Arrays.fill(seen, Integer.MIN_VALUE);
        return start(text, 0, seen);
    }

    /** How many literals: the length of the {@code seen} array {@link #start} takes. */
    int literals() {
        return literals.length;
    }

    /**
     * Where a search of {@code text} may start, at or after {@code from}, when no match is under way at
     * {@code from} (a match begins there or later), or -1 when the text holds none of the literals from there
     * on (no match). {@code before} counts characters of the pattern, each of which may be two UTF-16 units in
     * the text. {@code seen} keeps, per literal, where it was last found (or -1: nowhere further): a search
     * that asks again from further on only looks for the literals it has passed. Fill it with
     * {@link Integer#MIN_VALUE} before the first call for a text.
     */
    int start(String text, int from, int[] seen) {
        int first = -1;
        for (int k = 0; k < literals.length; k++) {
            int at = seen[k];
            if (at != -1 && at < from) {
                at = Literals.indexOf(text, literals[k], from);
                seen[k] = at;
            }
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first < 0 ? -1 : Math.max(from, first - 2 * before);
    }

    private record Found(Set<String> literals, int before) {}

    private static Found lead(RegexNode node) {
        if (node instanceof RegexNode.Alternation a) {
            Set<String> all = new LinkedHashSet<>();
            int before = 0;
            for (RegexNode choice : a.choices()) {
                Found f = lead(choice);
                if (f == null) {
                    return null;
                }
                all.addAll(f.literals());
                before = Math.max(before, f.before());
            }
            return new Found(all, before);
        }
        List<RegexNode> parts = new ArrayList<>(node instanceof RegexNode.Concat c ? c.parts() : List.of(node));
        // a match of x+y ends with a match of xy, and one of x*y with a match of y: for whether and where
        // matches begin, a leading unbounded repetition counts as its least number of rounds
        while (!parts.isEmpty()) {
            RegexNode first = parts.get(0);
            if (first instanceof RegexNode.Empty || first instanceof RegexNode.Repeat r && r.max() < 0 && r.min() == 0) {
                parts.remove(0);
                continue;
            }
            if (first instanceof RegexNode.Repeat r && r.max() < 0) {
                parts.set(0, new RegexNode.Repeat(r.body(), r.min(), r.min()));
            }
            break;
        }
        // the first run of parts with exact sets of non-empty strings, and how far ahead of it a match begins
        int before = 0;
        Set<String> run = null;
        int runBefore = 0;
        for (RegexNode part : parts) {
            Set<String> exact = RegexFactors.exact(part);
            boolean literal = exact != null && !exact.isEmpty() && !exact.contains("");
            if (run != null && literal && run.size() * exact.size() <= RegexFactors.MAX_EXACT) {
                run = product(run, exact);
                continue;
            }
            if (run != null) {
                // the run ends here, followed by how the next part's matches begin (a quote, then (\{\d\}){2,}: "{)
                Set<String> next = leading(part);
                if (next != null && run.size() * next.size() <= RegexFactors.MAX_EXACT) {
                    run = product(run, next);
                }
                break;
            }
            if (literal) {
                run = exact;
                runBefore = before;
                continue;
            }
            int length = maxLength(part);
            if (length < 0 || before + length > 4096) {
                return null;
            }
            before += length;
        }
        return run == null ? null : new Found(run, runBefore);
    }

    /** Strings every match of a node begins with one of (none empty), or null when unknown. */
    private static Set<String> leading(RegexNode node) {
        Set<String> exact = RegexFactors.exact(node);
        if (exact != null) {
            return exact.isEmpty() || exact.contains("") ? null : exact;
        }
        if (node instanceof RegexNode.Concat c && !c.parts().isEmpty()) {
            return leading(c.parts().get(0));
        }
        if (node instanceof RegexNode.Repeat r && r.min() >= 1) {
            return leading(r.body());
        }
        if (node instanceof RegexNode.Alternation a) {
            Set<String> all = new LinkedHashSet<>();
            for (RegexNode choice : a.choices()) {
                Set<String> l = leading(choice);
                if (l == null) {
                    return null;
                }
                all.addAll(l);
            }
            return all;
        }
        return null;
    }

    private static Set<String> product(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>();
        for (String x : a) {
            for (String y : b) {
                out.add(x + y);
            }
        }
        return out;
    }

    /** The most characters a node matches, or -1 without bound. */
    static int maxLength(RegexNode node) {
        if (node instanceof RegexNode.Chars) {
            return 1;
        }
        if (node instanceof RegexNode.Concat c) {
            long sum = 0;
            for (RegexNode p : c.parts()) {
                int l = maxLength(p);
                if (l < 0) {
                    return -1;
                }
                sum += l;
            }
            return sum > Integer.MAX_VALUE / 4 ? -1 : (int) sum;
        }
        if (node instanceof RegexNode.Alternation a) {
            int max = 0;
            for (RegexNode choice : a.choices()) {
                int l = maxLength(choice);
                if (l < 0) {
                    return -1;
                }
                max = Math.max(max, l);
            }
            return max;
        }
        if (node instanceof RegexNode.Repeat r) {
            int body = maxLength(r.body());
            if (r.max() < 0 || body < 0) {
                return r.max() == 0 ? 0 : -1;
            }
            long total = (long) body * r.max();
            return total > Integer.MAX_VALUE / 4 ? -1 : (int) total;
        }
        return 0; // Empty and the anchors
    }
}
