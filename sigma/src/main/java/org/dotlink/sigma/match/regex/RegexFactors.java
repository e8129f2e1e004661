package org.dotlink.sigma.match.regex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dotlink.sigma.match.Literals;

/**
 * What every match of a regular expression must contain, read from its parsed tree, for prefiltering:
 * a list of literal sets, each of which the text must hold one literal of (an AND of ORs), case-folded
 * as the prefilter compares. Built as in Russ Cox's "Regular Expression Matching with a Trigram Index":
 * each node gives either the exact, small set of strings it matches ({@code ab[cd]} → {@code abc, abd})
 * or only what its matches must contain; a concatenation multiplies exact sets while they stay small and
 * otherwise keeps each part's needs, an alternation needs one of its choices' needs, an optional or
 * starred part needs nothing. {@code cmd.{0,5}(?:/c|/r).+powershell} needs {@code cmd}, one of
 * {@code /c /r}, and {@code powershell}. Conservative: a set is only listed when every match holds one
 * of its literals.
 */
public final class RegexFactors {

    /** The most strings an exact set keeps before it is turned into a need. */
    static final int MAX_EXACT = 16;
    /** A character class of at most this many characters (after folding) is an exact set; larger ones are anything. */
    static final int MAX_CLASS = 4;
    /** The shortest literal a returned set may hold: single characters select too little to be worth scanning for. */
    static final int MIN_LENGTH = 2;

    /** A node's strings: the exact set (null when unknown or too large) and what its matches need. */
    private record Info(Set<String> exact, List<Set<String>> needs) {
        static final Info ANYTHING = new Info(null, List.of());
        static final Info EMPTY = new Info(Set.of(""), List.of());
    }

    private RegexFactors() {}

    /**
     * The literal sets every match needs, most selective first (longest shortest literal), or null when
     * the pattern uses what {@link RegexParser} does not read. Empty when nothing is needed.
     */
    public static List<List<String>> necessary(String pattern, boolean caseInsensitive, boolean multiLine, boolean dotAll) {
        RegexNode tree;
        try {
            tree = RegexParser.parse(pattern, caseInsensitive, multiLine, dotAll);
        } catch (RegexParser.Unsupported e) {
            return null;
        }
        Info info = info(tree);
        List<Set<String>> all = new ArrayList<>(info.needs());
        addNeed(all, info.exact());
        Set<List<String>> out = new LinkedHashSet<>();
        for (Set<String> need : all) {
            if (shortest(need) >= MIN_LENGTH) {
                out.add(minimal(need));
            }
        }
        List<List<String>> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingInt((List<String> l) -> shortest(l)).reversed());
        return sorted;
    }

    /** The exact, folded set of strings a node matches, or null when unknown or too large. */
    static Set<String> exact(RegexNode node) {
        return info(node).exact();
    }

    private static Info info(RegexNode node) {
        if (node instanceof RegexNode.Chars c) {
            return chars(c.ranges());
        }
        if (node instanceof RegexNode.Concat c) {
            return concat(c.parts().stream().map(RegexFactors::info).toList());
        }
        if (node instanceof RegexNode.Alternation a) {
            return alternation(a.choices().stream().map(RegexFactors::info).toList());
        }
        if (node instanceof RegexNode.Repeat r) {
            Info body = info(r.body());
            if (r.min() == 0 && r.max() == 1 && body.exact() != null && body.exact().size() < MAX_EXACT) {
                Set<String> optional = new LinkedHashSet<>(body.exact());
                optional.add("");
                return new Info(optional, List.of()); // x? is x or nothing
            }
            if (r.min() == 0) {
                return Info.ANYTHING;
            }
            if (r.min() == 1 && r.max() == 1) {
                return body;
            }
            List<Set<String>> needs = new ArrayList<>(body.needs());
            addNeed(needs, body.exact());
            return new Info(null, needs);
        }
        return Info.EMPTY; // Empty and the anchors match the empty string
    }

    private static Info chars(int[] ranges) {
        Set<String> folded = new LinkedHashSet<>();
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i + 1] - ranges[i] > 64) {
                return Info.ANYTHING;
            }
            for (int c = ranges[i]; c <= ranges[i + 1]; c++) {
                folded.add(String.valueOf(Literals.fold((char) c)));
                if (folded.size() > MAX_CLASS) {
                    return Info.ANYTHING;
                }
            }
        }
        return new Info(folded, List.of());
    }

    /**
     * A concatenation: runs of parts with exact sets are multiplied out while the product stays small (a
     * run that grows too large, or meets a part without one, becomes a need and a new run starts); the
     * whole is exact only when every part was and the product stayed small.
     */
    private static Info concat(List<Info> parts) {
        List<Set<String>> needs = new ArrayList<>();
        Set<String> run = Set.of("");
        boolean exact = true;
        for (Info part : parts) {
            needs.addAll(part.needs());
            if (part.exact() == null) {
                addNeed(needs, run);
                run = Set.of("");
                exact = false;
            } else if (run.size() * part.exact().size() <= MAX_EXACT) {
                Set<String> product = new LinkedHashSet<>();
                for (String a : run) {
                    for (String b : part.exact()) {
                        product.add(a + b);
                    }
                }
                run = product;
            } else {
                addNeed(needs, run);
                run = part.exact();
                exact = false;
            }
        }
        if (exact) {
            return new Info(run, needs);
        }
        addNeed(needs, run);
        return new Info(null, needs);
    }

    private static Info alternation(List<Info> choices) {
        Set<String> union = new LinkedHashSet<>();
        for (Info c : choices) {
            if (c.exact() == null || union.size() + c.exact().size() > MAX_EXACT) {
                union = null;
                break;
            }
            union.addAll(c.exact());
        }
        if (union != null) {
            return new Info(union, List.of());
        }
        // one of the choices' needs is met: the union of each choice's best need
        Set<String> any = new LinkedHashSet<>();
        for (Info c : choices) {
            List<Set<String>> needs = new ArrayList<>(c.needs());
            addNeed(needs, c.exact());
            Set<String> best = needs.stream().max(Comparator.comparingInt(RegexFactors::shortest)).orElse(null);
            if (best == null) {
                return Info.ANYTHING;
            }
            any.addAll(best);
        }
        return new Info(null, List.of(any));
    }

    /** The need's literals without those containing another of them (which adds nothing to "one of"), sorted. */
    private static List<String> minimal(Set<String> need) {
        return need.stream().filter(l -> need.stream().noneMatch(o -> !o.equals(l) && l.contains(o))).sorted().toList();
    }

    /** Adds an exact set as a need, unless it holds the empty string (then nothing is needed). */
    private static void addNeed(List<Set<String>> needs, Set<String> exact) {
        if (exact != null && !exact.isEmpty() && !exact.contains("")) {
            needs.add(exact);
        }
    }

    private static int shortest(java.util.Collection<String> set) {
        int min = Integer.MAX_VALUE;
        for (String s : set) {
            min = Math.min(min, s.length());
        }
        return min;
    }
}
