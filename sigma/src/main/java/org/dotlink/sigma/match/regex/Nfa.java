package org.dotlink.sigma.match.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A Thompson automaton for a parsed pattern, over an alphabet of character classes: the characters are
 * split into intervals that no set in the pattern tells apart, so that a step looks at a class number,
 * not at a character. The surrogate range D800–DFFF is always a class of its own: RE2 reads text by code
 * point, this automaton by UTF-16 unit, so a text holding one is left to RE2/J.
 */
final class Nfa {

    static final int MAX_STATES = 50_000;

    static final int CHARS = 0;
    static final int SPLIT = 1;
    static final int MATCH = 2;

    /** Per state: {@link #CHARS}, {@link #SPLIT} or {@link #MATCH}. */
    final byte[] kind;
    /** CHARS: the next state; SPLIT: the first branch. */
    final int[] out;
    /** SPLIT: the second branch (-1 when it is a plain epsilon move). */
    final int[] out2;
    /** CHARS: the classes the state accepts, as a bit set. */
    final long[][] accepts;
    final int start;
    final boolean anchoredBegin;
    final boolean anchoredEnd;
    /** The fewest characters a match holds: a shorter text has none (a code point is one or two UTF-16 units). */
    final int shortestMatch;
    /** Class boundaries: class k is the characters from bounds[k] to bounds[k+1]-1. */
    final int[] bounds;
    /** The class of each ASCII character. */
    final int[] asciiClass = new int[128];
    /** The surrogates' class. */
    final int surrogateClass;

    private final List<Byte> kinds = new ArrayList<>();
    private final List<int[]> outs = new ArrayList<>();
    private final List<int[]> sets = new ArrayList<>();

    Nfa(RegexNode tree) throws RegexParser.Unsupported {
        List<RegexNode> parts = new ArrayList<>(tree instanceof RegexNode.Concat c ? c.parts() : List.of(tree));
        anchoredBegin = !parts.isEmpty() && parts.get(0) instanceof RegexNode.BeginText;
        if (anchoredBegin) {
            parts.remove(0);
        }
        anchoredEnd = !parts.isEmpty() && parts.get(parts.size() - 1) instanceof RegexNode.EndText;
        if (anchoredEnd) {
            parts.remove(parts.size() - 1);
        }
        shortestMatch = (int) Math.min(Integer.MAX_VALUE, shortest(tree));
        int match = add(MATCH, -1, -1, null);
        start = build(new RegexNode.Concat(parts), match);

        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, 0xD800, 0xE000, CharSetBuilder.MAX_CHAR + 1));
        for (int[] set : sets) {
            if (set != null) {
                for (int i = 0; i < set.length; i += 2) {
                    cuts.add(set[i]);
                    cuts.add(set[i + 1] + 1);
                }
            }
        }
        bounds = cuts.stream().mapToInt(Integer::intValue).toArray();
        int classes = bounds.length - 1;
        surrogateClass = classOf(0xD800);
        for (char c = 0; c < 128; c++) {
            asciiClass[c] = classOf(c);
        }
        int n = kinds.size();
        kind = new byte[n];
        out = new int[n];
        out2 = new int[n];
        accepts = new long[n][];
        for (int s = 0; s < n; s++) {
            kind[s] = kinds.get(s);
            out[s] = outs.get(s)[0];
            out2[s] = outs.get(s)[1];
            int[] set = sets.get(s);
            if (set != null) {
                long[] bits = new long[(classes + 63) / 64];
                for (int i = 0; i < set.length; i += 2) {
                    for (int k = classOf(set[i]); k < classes && bounds[k] <= set[i + 1]; k++) {
                        bits[k >>> 6] |= 1L << k;
                    }
                }
                accepts[s] = bits;
            }
        }
    }

    int classes() {
        return bounds.length - 1;
    }

    /** The class of a character. */
    int classOf(int c) {
        int k = Arrays.binarySearch(bounds, c);
        return k >= 0 ? k : -k - 2;
    }

    /** Builds the states for {@code n} followed by state {@code next}; returns n's first state. */
    private int build(RegexNode n, int next) throws RegexParser.Unsupported {
        if (kinds.size() > MAX_STATES) {
            throw new RegexParser.Unsupported("automaton too large");
        }
        if (n instanceof RegexNode.Chars c) {
            return add(CHARS, next, -1, c.ranges());
        }
        if (n instanceof RegexNode.Empty) {
            return next;
        }
        if (n instanceof RegexNode.Concat c) {
            int s = next;
            for (int i = c.parts().size() - 1; i >= 0; i--) {
                s = build(c.parts().get(i), s);
            }
            return s;
        }
        if (n instanceof RegexNode.Alternation a) {
            int s = build(a.choices().get(a.choices().size() - 1), next);
            for (int i = a.choices().size() - 2; i >= 0; i--) {
                s = add(SPLIT, build(a.choices().get(i), next), s, null);
            }
            return s;
        }
        if (n instanceof RegexNode.Repeat r) {
            int s = next;
            if (r.max() < 0) {
                // body* : a split that either enters the body (which comes back to it) or leaves
                int loop = add(SPLIT, -1, next, null);
                outs.get(loop)[0] = build(r.body(), loop);
                s = loop;
            } else {
                // the optional copies, nested: each may stop and go on to what follows
                for (int i = r.min(); i < r.max(); i++) {
                    s = add(SPLIT, build(r.body(), s), next, null);
                }
            }
            for (int i = 0; i < r.min(); i++) {
                s = build(r.body(), s);
            }
            return s;
        }
        throw new RegexParser.Unsupported("anchor inside the pattern");
    }

    private int add(int k, int o1, int o2, int[] set) {
        kinds.add((byte) k);
        outs.add(new int[] {o1, o2});
        sets.add(set);
        return kinds.size() - 1;
    }

    /** The fewest characters a match of {@code node} holds. */
    private static long shortest(RegexNode node) {
        if (node instanceof RegexNode.Chars) {
            return 1;
        }
        if (node instanceof RegexNode.Concat c) {
            long sum = 0;
            for (RegexNode p : c.parts()) {
                sum = Math.min(Integer.MAX_VALUE, sum + shortest(p));
            }
            return sum;
        }
        if (node instanceof RegexNode.Alternation a) {
            long min = Integer.MAX_VALUE;
            for (RegexNode choice : a.choices()) {
                min = Math.min(min, shortest(choice));
            }
            return min;
        }
        if (node instanceof RegexNode.Repeat r) {
            return Math.min(Integer.MAX_VALUE, (long) r.min() * shortest(r.body()));
        }
        return 0; // Empty and the anchors
    }
}
