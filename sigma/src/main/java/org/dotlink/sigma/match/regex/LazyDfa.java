package org.dotlink.sigma.match.regex;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Regular-expression search by a deterministic automaton built lazily from a {@link Nfa}, as RE2's own
 * DFA does: each state is a set of automaton positions, made the first time the text leads there and
 * cached, so a character costs one table lookup. Whether a pattern occurs is all a Sigma rule asks,
 * so a search stops at the first position where a match ends (or, for a pattern ending in {@code $},
 * reads to the end).
 *
 * <p>The cache belongs to the calling thread and holds at most {@value #MAX_STATES} states and
 * {@value #MAX_POSITIONS} automaton positions in all (a few KB for most patterns, at most about 5 MB
 * for those with long counted repetitions, which need that room not to start over on every text); when
 * it is full it starts over, so a pathological pattern costs at most the size of the automaton per
 * character, never more (no backtracking). {@link #find} answers {@link #UNKNOWN} for a text holding
 * UTF-16 surrogates (RE2 counts those as one code point, this automaton as two units): the caller asks
 * RE2/J.
 */
public final class LazyDfa {

    public static final int NO = 0;
    public static final int MATCH = 1;
    public static final int UNKNOWN = 2;

    static final int MAX_STATES = 2048;
    /** The cache also starts over when its states hold this many positions in all. */
    static final int MAX_POSITIONS = 1 << 20;

    private final Nfa nfa;
    /** Where matches can begin relative to a literal they hold, or null (then a search reads from the start). */
    private final RegexLead lead;
    private final int classes;
    private final ThreadLocal<Cache> cache;

    private LazyDfa(Nfa nfa, RegexLead lead) {
        this.nfa = nfa;
        this.lead = lead;
        this.classes = nfa.classes();
        this.cache = ThreadLocal.withInitial(Cache::new);
    }

    /**
     * The automaton for an RE2 pattern with the given flags, or null when the pattern uses something it
     * does not run (see {@link RegexParser}); then RE2/J must be used.
     */
    public static LazyDfa compile(String pattern, boolean caseInsensitive, boolean multiLine, boolean dotAll) {
        try {
            RegexNode tree = RegexParser.parse(pattern, caseInsensitive, multiLine, dotAll);
            Nfa nfa = new Nfa(tree);
            return new LazyDfa(nfa, nfa.anchoredBegin ? null : RegexLead.of(tree));
        } catch (RegexParser.Unsupported e) {
            return null;
        }
    }

    /** Whether the pattern occurs in {@code text}: {@link #MATCH}, {@link #NO} or {@link #UNKNOWN}. */
    public int find(String text) {
        if (text.length() < nfa.shortestMatch) {
            return NO; // \s[a-f0-9]{64}\s needs 66 characters, more than most values have
        }
        Cache c = cache.get();
        int s = c.start();
        if (c.accepting[s] && !nfa.anchoredEnd) {
            return MATCH;
        }
        int from = 0;
        int[] seen = c.leadSeen;
        if (lead != null) {
            Arrays.fill(seen, Integer.MIN_VALUE);
            from = lead.start(text, 0, seen); // no match begins before it; -1: the text lacks a literal every match holds
            if (from < 0) {
                return NO;
            }
        }
        int[] ascii = nfa.asciiClass;
        int[] next = c.next;
        // the loop keeps the current state as its row's offset in the table, so a character costs one
        // dependent load and an add (an id would add a multiplication to every step)
        int row = c.row(s);
        int startRow = lead == null ? -1 : row;
        for (int i = from, n = text.length(); i < n; i++) {
            char ch = text.charAt(i);
            int k = ch < 128 ? ascii[ch] : nfa.classOf(ch);
            int t = next[row + k];
            if (t == row) {
                // the state stays (an unanchored pattern's start on characters that begin nothing, a run of \w
                // inside \w+): the next lookup's address does not wait for this one's result, so such runs
                // are read several characters at a time
                continue;
            }
            if (t > 0) {
                row = t; // a known state that neither accepts nor is dead: the common case
                if (t == startRow) {
                    // back at the start, no match under way: the next one begins ahead of a literal it holds
                    int ahead = lead.start(text, i + 1, seen);
                    if (ahead < 0) {
                        return NO;
                    }
                    i = ahead - 1;
                }
                continue;
            }
            if (k == nfa.surrogateClass) {
                return UNKNOWN;
            }
            if (t == 0) {
                s = c.step(row / classes - 1, k);
                next = c.next;
                if (lead != null) {
                    startRow = c.row(c.startId); // the cache may have started over, numbering states anew
                }
            } else {
                s = -t / classes - 1;
            }
            row = c.row(s);
            if (c.accepting[s]) {
                if (!nfa.anchoredEnd) {
                    return MATCH;
                }
            } else if (c.dead[s]) {
                return NO;
            }
        }
        return c.accepting[row / classes - 1] ? MATCH : NO;
    }

    /** One thread's states and transitions. */
    private final class Cache {
        private final Map<Key, Integer> ids = new HashMap<>();
        private int[][] sets = new int[64][];
        private boolean[] accepting = new boolean[64];
        private boolean[] dead = new boolean[64];
        /**
         * Row {@code id + 1} holds state {@code id}'s transitions (row 0 is unused): the target's row offset
         * ({@link #row}), negated when that state accepts or is dead; 0 when not computed yet.
         */
        private int[] next = new int[65 * classes];
        private int size;
        private int positions;
        private int startId = -1;
        private final int[] seen = new int[nfa.kind.length];
        private int epoch;
        private int[] stack = new int[64];
        private int[] members = new int[64];
        private int[] startSet;
        /** Where each literal of the lead was last found in the text being searched ({@link RegexLead#start}). */
        private final int[] leadSeen = new int[lead == null ? 0 : lead.literals()];

        /** The offset of state {@code id}'s row in {@link #next}: never 0, so that 0 can mean "not computed". */
        int row(int id) {
            return (id + 1) * classes;
        }

        int start() {
            if (startId < 0) {
                startSet = closure(new int[] {nfa.start}, 1);
                startId = intern(startSet);
            }
            return startId;
        }

        /** Computes, caches and returns the state reached from {@code s} on class {@code k}. */
        int step(int s, int k) {
            int[] from = sets[s];
            int[] moved = new int[from.length + (nfa.anchoredBegin ? 0 : startSet.length)];
            int m = 0;
            for (int q : from) {
                if (nfa.kind[q] == Nfa.CHARS && (nfa.accepts[q][k >>> 6] & (1L << k)) != 0) {
                    moved[m++] = nfa.out[q];
                }
            }
            int[] target = closure(moved, m);
            if (!nfa.anchoredBegin) {
                target = union(target, startSet); // a match may begin at any position
            }
            if (size >= MAX_STATES || positions >= MAX_POSITIONS) {
                reset();
            }
            int id = intern(target);
            if (s < size && sets[s] == from) {
                next[row(s) + k] = accepting[id] || dead[id] ? -row(id) : row(id);
            }
            return id;
        }

        private void reset() {
            ids.clear();
            Arrays.fill(next, 0);
            size = 0;
            positions = 0;
            startId = intern(startSet);
        }

        private int intern(int[] set) {
            Key key = new Key(set);
            Integer known = ids.get(key);
            if (known != null) {
                return known;
            }
            int id = size++;
            if (id == sets.length) {
                int grown = sets.length * 2;
                sets = Arrays.copyOf(sets, grown);
                accepting = Arrays.copyOf(accepting, grown);
                dead = Arrays.copyOf(dead, grown);
                next = Arrays.copyOf(next, (grown + 1) * classes);
            }
            sets[id] = set;
            positions += set.length;
            boolean match = false;
            for (int q : set) {
                match |= nfa.kind[q] == Nfa.MATCH;
            }
            accepting[id] = match;
            dead[id] = set.length == 0;
            ids.put(key, id);
            return id;
        }

        /** The states reachable from the first {@code n} of {@code from} by empty moves: CHARS and MATCH only, sorted. */
        private int[] closure(int[] from, int n) {
            if (++epoch == Integer.MAX_VALUE) {
                Arrays.fill(seen, 0);
                epoch = 1;
            }
            int count = 0;
            int top = 0;
            for (int i = n - 1; i >= 0; i--) {
                stack = push(stack, top++, from[i]);
            }
            while (top > 0) {
                int q = stack[--top];
                if (q < 0 || seen[q] == epoch) {
                    continue;
                }
                seen[q] = epoch;
                if (nfa.kind[q] == Nfa.SPLIT) {
                    stack = push(stack, top++, nfa.out2[q]);
                    stack = push(stack, top++, nfa.out[q]);
                } else {
                    members = push(members, count++, q);
                }
            }
            int[] set = Arrays.copyOf(members, count);
            Arrays.sort(set);
            return set;
        }

        private static int[] push(int[] a, int at, int v) {
            if (at == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[at] = v;
            return a;
        }

        private static int[] union(int[] a, int[] b) {
            int[] out = new int[a.length + b.length];
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < a.length || j < b.length) {
                int v = j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
                if (n == 0 || out[n - 1] != v) {
                    out[n++] = v;
                }
            }
            return Arrays.copyOf(out, n);
        }
    }

    /** A state's position set as a hash key. */
    private record Key(int[] set) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(set, k.set);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(set);
        }
    }
}
