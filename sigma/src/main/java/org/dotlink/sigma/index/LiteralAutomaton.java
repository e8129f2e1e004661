package org.dotlink.sigma.index;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.dotlink.sigma.match.Literals;

/**
 * An Aho-Corasick automaton over case-folded literals: one pass over a string reports every literal it
 * contains, whatever their number. Each literal carries a set of ids (the rule variants it stands for);
 * a scan reports those ids. Text characters are folded on the fly ({@link Literals#fold}), so no
 * lower-cased copy of the text is made.
 *
 * <p>Layout: states in flat arrays; each state's outgoing edges sorted by character in
 * {@code edgeChars}/{@code edgeTargets}; the root's transitions for ASCII in a dense table, since every
 * failed match returns there. Output ids are merged along failure links at build time, so a scan
 * only looks at the state it is in. Immutable after construction and thread-safe.
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

    /**
     * @param literals folded literals, not empty
     * @param ids      for each literal, the ids to report when it is found
     */
    public LiteralAutomaton(List<String> literals, List<int[]> ids) {
        if (literals.size() != ids.size()) {
            throw new IllegalArgumentException("one id list per literal");
        }
        // 1. the trie, with sorted children
        List<TreeMap<Character, Integer>> children = new ArrayList<>();
        List<int[]> own = new ArrayList<>();
        children.add(new TreeMap<>());
        own.add(null);
        for (int i = 0; i < literals.size(); i++) {
            String lit = literals.get(i);
            if (lit.isEmpty()) {
                throw new IllegalArgumentException("empty literal");
            }
            int s = 0;
            for (int j = 0; j < lit.length(); j++) {
                char c = lit.charAt(j);
                Integer next = children.get(s).get(c);
                if (next == null) {
                    next = children.size();
                    children.get(s).put(c, next);
                    children.add(new TreeMap<>());
                    own.add(null);
                }
                s = next;
            }
            own.set(s, union(own.get(s), ids.get(i)));
        }
        int n = children.size();
        edgeStart = new int[n + 1];
        int edges = 0;
        for (int s = 0; s < n; s++) {
            edgeStart[s] = edges;
            edges += children.get(s).size();
        }
        edgeStart[n] = edges;
        edgeChars = new char[edges];
        edgeTargets = new int[edges];
        for (int s = 0; s < n; s++) {
            int e = edgeStart[s];
            for (var entry : children.get(s).entrySet()) {
                edgeChars[e] = entry.getKey();
                edgeTargets[e++] = entry.getValue();
            }
        }
        for (char c = 0; c < 128; c++) {
            rootAscii[c] = Math.max(child(0, c), 0);
        }
        // 2. failure links breadth-first, outputs merged along them
        fail = new int[n];
        outputs = new int[n][];
        outputs[0] = own.get(0);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            int t = edgeTargets[e];
            fail[t] = 0;
            outputs[t] = own.get(t);
            queue.add(t);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
                int t = edgeTargets[e];
                fail[t] = next(fail[s], edgeChars[e]);
                outputs[t] = union(own.get(t), outputs[fail[t]]);
                queue.add(t);
            }
        }
    }

    /** Number of states: a measure of the automaton's size. */
    public int states() {
        return fail.length;
    }

    /** Reports the ids of every literal that occurs in {@code text}, compared case-folded. */
    public void scan(String text, Hits hits) {
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

    private static int[] union(int[] a, int[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return Arrays.stream(out).distinct().sorted().toArray();
    }
}
