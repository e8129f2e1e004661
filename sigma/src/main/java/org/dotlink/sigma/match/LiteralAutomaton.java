package org.dotlink.sigma.match;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * An Aho-Corasick automaton over case-folded literals: one pass over a string reports every literal it
 * contains, whatever their number. Each literal carries a set of ids (the rule variants it stands for);
 * a scan reports those ids. Text characters are folded on the fly ({@link Literals#fold}), so no
 * lower-cased copy of the text is made.
 *
 * <p>Layout: the trie's states in flat arrays, each state's outgoing edges sorted by character in
 * {@code edgeChars}/{@code edgeTargets}, with failure links. From them a dense table of every state's
 * move on every class of ASCII characters (the ASCII characters of the literals, each its own class, and
 * one class for all others) is computed, failure links included, so a scan does one table lookup per
 * character; a non-ASCII character follows the sparse edges (a few rules' literals hold hundreds of
 * distinct non-ASCII characters, which would multiply the table's width). When that table would exceed
 * {@value #MAX_DENSE_ENTRIES} entries the scan follows the sparse edges and failure links throughout. Output ids are merged along failure links at build time, so a scan only
 * looks at the state it is in. Immutable after construction and thread-safe.
 */
public final class LiteralAutomaton {

    /** Receives the ids of the literals found; may be told the same id several times. */
    @FunctionalInterface
    public interface Hits {
        void hit(int id);
    }

    private final int[] edgeStart;
    private final char[] edgeChars;
    private final int[] edgeTargets;
    private final int[] fail;
    private final int[][] outputs;
    private final int[] rootAscii = new int[128];

    /** The largest dense table built (4 bytes an entry: 32 MiB). */
    static final int MAX_DENSE_ENTRIES = 1 << 23;
    /** Number of ASCII character classes; class 0 is every ASCII character in no literal. */
    private final int classes;
    /** The class of each (folded) ASCII character. */
    private final int[] asciiClass = new int[128];
    /**
     * Dense moves on ASCII characters, or null: entry {@code r * classes + k} is the move of the state in row
     * {@code r} on class {@code k}, as {@link #encoded}. A non-ASCII character (rare in log text) moves by
     * the sparse edges and failure links.
     */
    private final int[] dense;
    /** The state of each row of the dense table, and each state's row (breadth-first order); null without it. */
    private final int[] byRow;
    private final int[] row;
    /** For each ASCII character, whether the root moves on it (it begins some literal). */
    private final boolean[] startsAscii = new boolean[128];

    /**
     * @param literals folded literals, not empty
     * @param ids      for each literal, the ids to report when it is found
     */
    public LiteralAutomaton(List<String> literals, List<int[]> ids) {
        this(literals, ids, MAX_DENSE_ENTRIES);
    }

    /** As above, with the dense table built only up to {@code maxDenseEntries} (tests use both ways of scanning). */
    LiteralAutomaton(List<String> literals, List<int[]> ids, int maxDenseEntries) {
        if (literals.size() != ids.size()) {
            throw new IllegalArgumentException("one id list per literal");
        }
        // 1. the trie, from the literals in sorted order: each state's children then come in character order,
        //    and each literal only adds the states past its common prefix with the one before
        Integer[] order = new Integer[literals.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            if (literals.get(i).isEmpty()) {
                throw new IllegalArgumentException("empty literal");
            }
        }
        Arrays.sort(order, (x, y) -> literals.get(x).compareTo(literals.get(y)));
        int maxStates = 1 + literals.stream().mapToInt(String::length).sum();
        int[] parent = new int[maxStates];
        char[] via = new char[maxStates];
        int[][] own = new int[maxStates][];
        int n = 1;
        int[] path = new int[1 + literals.stream().mapToInt(String::length).max().orElse(0)];
        String previous = "";
        for (int i : order) {
            String lit = literals.get(i);
            int common = 0;
            while (common < lit.length() && common < previous.length() && lit.charAt(common) == previous.charAt(common)) {
                common++;
            }
            int state = path[common];
            for (int j = common; j < lit.length(); j++) {
                parent[n] = state;
                via[n] = lit.charAt(j);
                state = n++;
                path[j + 1] = state;
            }
            int[] mine = ids.get(i).clone();
            Arrays.sort(mine);
            own[state] = union(own[state], mine);
            previous = lit;
        }
        // children grouped by parent; states were made in order, so each group stays in character order
        edgeStart = new int[n + 1];
        for (int t = 1; t < n; t++) {
            edgeStart[parent[t] + 1]++;
        }
        for (int st = 0; st < n; st++) {
            edgeStart[st + 1] += edgeStart[st];
        }
        edgeChars = new char[n - 1];
        edgeTargets = new int[n - 1];
        int[] fill = Arrays.copyOf(edgeStart, n);
        for (int t = 1; t < n; t++) {
            int e = fill[parent[t]]++;
            edgeChars[e] = via[t];
            edgeTargets[e] = t;
        }
        for (char c = 0; c < 128; c++) {
            rootAscii[c] = Math.max(child(0, c), 0);
        }
        // 2. failure links breadth-first, outputs merged along them
        fail = new int[n];
        outputs = new int[n][];
        outputs[0] = own[0];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            int t = edgeTargets[e];
            fail[t] = 0;
            outputs[t] = own[t];
            queue.add(t);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
                int t = edgeTargets[e];
                fail[t] = next(fail[s], edgeChars[e]);
                outputs[t] = union(own[t], outputs[fail[t]]);
                queue.add(t);
            }
        }
        // 3. the ASCII character classes (each folded ASCII character of the literals its own class, class 0 every
        //    other ASCII character) and the dense table over them; states numbered breadth-first in the table,
        //    so that a failure target's row comes first and the shallow states, where a scan spends most of its
        //    time, lie together in memory
        TreeSet<Character> alphabet = new TreeSet<>();
        for (char c : edgeChars) {
            if (c < 128) {
                alphabet.add(c);
            }
        }
        classes = alphabet.size() + 1;
        List<Character> ordered = new ArrayList<>(alphabet);
        for (char c = 0; c < 128; c++) {
            int at = Collections.binarySearch(ordered, Literals.fold(c));
            asciiClass[c] = at >= 0 ? at + 1 : 0;
        }
        if ((long) n * classes > maxDenseEntries) {
            dense = null;
            byRow = null;
            row = null;
            return;
        }
        byRow = new int[n];
        row = new int[n];
        int head = 0;
        int tail = 0;
        byRow[tail++] = 0;
        while (head < tail) {
            int st = byRow[head++];
            for (int e = edgeStart[st]; e < edgeStart[st + 1]; e++) {
                row[edgeTargets[e]] = tail;
                byRow[tail++] = edgeTargets[e];
            }
        }
        // each state's row is its failure state's row with its own ASCII edges written over it
        dense = new int[n * classes];
        for (int r = 0; r < n; r++) {
            int st = byRow[r];
            if (r > 0) {
                System.arraycopy(dense, row[fail[st]] * classes, dense, r * classes, classes);
            }
            for (int e = edgeStart[st]; e < edgeStart[st + 1]; e++) {
                if (edgeChars[e] < 128) {
                    dense[r * classes + Collections.binarySearch(ordered, edgeChars[e]) + 1] = encoded(edgeTargets[e]);
                }
            }
        }
        for (char c = 0; c < 128; c++) {
            startsAscii[c] = dense[asciiClass[c]] != 0;
        }
    }

    /** A state as the dense table holds it: its row's offset, bit-inverted when the state has outputs. */
    private int encoded(int state) {
        int offset = row[state] * classes;
        return outputs[state] != null ? ~offset : offset;
    }

    /** Number of states: a measure of the automaton's size. */
    public int states() {
        return fail.length;
    }

    /** Reports the ids of every literal that occurs in {@code text}, compared case-folded. */
    public void scan(String text, Hits hits) {
        if (dense != null) {
            scanDense(text, hits);
            return;
        }
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            s = next(s, Literals.fold(text.charAt(i)));
            int[] out = outputs[s];
            if (out != null) {
                for (int id : out) {
                    hits.hit(id);
                }
            }
        }
    }

    private void scanDense(String text, Hits hits) {
        int[] table = dense;
        int[] ascii = asciiClass;
        boolean[] starts = startsAscii;
        int s = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (s == 0) {
                // at the root, ASCII characters that begin no literal are skipped without a table lookup: a
                // loop with no dependency from one character to the next, several times faster
                while (c < 128 && !starts[c]) {
                    if (++i == n) {
                        return;
                    }
                    c = text.charAt(i);
                }
            }
            int t;
            if (c < 128) {
                t = table[s + ascii[c]];
            } else {
                char f = Literals.fold(c);
                t = f < 128 ? table[s + ascii[f]] : encoded(next(byRow[s / classes], f));
            }
            if (t < 0) {
                s = ~t;
                for (int id : outputs[byRow[s / classes]]) {
                    hits.hit(id);
                }
            } else {
                s = t;
            }
        }
    }

    private int next(int s, char c) {
        while (true) {
            if (s == 0) {
                return c < 128 ? rootAscii[c] : Math.max(child(0, c), 0);
            }
            int t = child(s, c);
            if (t >= 0) {
                return t;
            }
            s = fail[s];
        }
    }

    /** The state reached from {@code s} by {@code c} in the trie, or -1. */
    private int child(int s, char c) {
        int lo = edgeStart[s];
        int hi = edgeStart[s + 1] - 1;
        if (hi - lo < 8) {
            for (int e = lo; e <= hi; e++) {
                if (edgeChars[e] == c) {
                    return edgeTargets[e];
                }
            }
            return -1;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChars[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return edgeTargets[mid];
            }
        }
        return -1;
    }

    /** The sorted union of two sorted id arrays (either may be null). */
    private static int[] union(int[] a, int[] b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b) {
            return a;
        }
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length || j < b.length) {
            int v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
            if (k == 0 || out[k - 1] != v) {
                out[k++] = v;
            }
        }
        return Arrays.copyOf(out, k);
    }
}
