package org.dotlink.sigma.match;

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
 * {@code edgeChars}/{@code edgeTargets}, with failure links. A scan runs on one table built from them:
 * the states near the root, where a scan spends most characters, have dense rows (their move on every
 * class of ASCII characters, failure links included: one lookup per character); the deeper ones have
 * compact records (their own edges and their failure state), laid out depth-first with each state's first
 * child right after it, so that following a literal down the trie reads memory in order and the next
 * state's place is known before its record is read. A non-ASCII character at a dense state follows the
 * sparse edges (a few rules' literals hold hundreds of distinct non-ASCII characters, which would
 * multiply the rows' width). Output ids are merged along failure links at build time, so a scan only
 * looks at the state it is in.
 * Immutable after construction and thread-safe.
 */
public final class LiteralAutomaton {

    /**
     * The ids a scan found, in the order found (an id may come several times); kept by the caller and
     * reused from scan to scan ({@link #clear}). A plain buffer rather than a callback: a scan reports
     * tens of ids per event, and a call through an interface for each cost more than the scan around it.
     */
    public static final class Found {
        private int[] ids = new int[16];
        private int count;

        public void clear() {
            count = 0;
        }

        public int count() {
            return count;
        }

        /** The {@code k}-th id found, {@code k < count()}. */
        public int id(int k) {
            return ids[k];
        }

        void addAll(int[] more) {
            if (count + more.length > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(ids.length * 2, count + more.length));
            }
            System.arraycopy(more, 0, ids, count, more.length);
            count += more.length;
        }
    }

    private final int[] edgeStart;
    private final char[] edgeChars;
    private final int[] edgeTargets;
    private final int[] fail;
    private final int[][] outputs;
    private final int[] rootAscii = new int[128];

    /** States at most this far from the root get a dense row; deeper ones a compact record. */
    static final int DENSE_DEPTH = 2;
    /** Ints in a compact record. */
    private static final int RECORD = 4;
    /** Number of ASCII character classes; class 0 is every ASCII character in no literal. */
    private final int classes;
    /** The class of each (folded) ASCII character. */
    private final int[] asciiClass = new int[128];
    /**
     * Every state, addressed by its offset here (its handle). First the dense rows of the shallow states in
     * breadth-first order: entry {@code offset + k} is the state's move on class {@code k}, failure links
     * included, as {@link #encoded}. Then, in depth-first order, the compact records of the deeper states,
     * {@value #RECORD} ints each: {@code [state (bit-inverted when it has outputs), failure state's handle,
     * first child's folded char or -1, offset of the other children or 0]}; the first child's record comes
     * right after its parent's ({@code handle + RECORD}), so a step along a literal needs no target read from
     * memory. Last the other children: {@code [count, (folded char, encoded target) per child]}.
     */
    private final int[] table;
    /** Offsets below this are dense rows. */
    private final int denseEnd;
    /** Each state's handle, and the state of each dense row. */
    private final int[] handle;
    private final int[] byRow;
    /** For each ASCII character, whether the root moves on it (it begins some literal). */
    private final boolean[] startsAscii = new boolean[128];
    /**
     * For each ASCII character, whether it is the telling character of some literal: the one least likely in
     * the numbers, times and GUIDs most event fields hold ({@link #rarity}). Every occurrence of a literal holds
     * that literal's telling character, so a text holding none (and no non-ASCII character, which may fold to
     * one) holds no literal ({@link #holdsNoTellingCharacter}).
     */
    private final boolean[] telling = new boolean[128];

    /**
     * @param literals folded literals, not empty
     * @param ids      for each literal, the ids to report when it is found
     */
    public LiteralAutomaton(List<String> literals, List<int[]> ids) {
        this(literals, ids, DENSE_DEPTH);
    }

    /** As above, with dense rows for the states at most {@code denseDepth} from the root (tests vary it). */
    LiteralAutomaton(List<String> literals, List<int[]> ids, int denseDepth) {
        // Each step of the build is a method of its own: the steps' loops run long on large sets of literals, and a
        // constructor holding them all was compiled whole, several times over, while the first events waited.
        if (literals.size() != ids.size()) {
            throw new IllegalArgumentException("one id list per literal");
        }
        // 1. the trie, from the literals in sorted order: each state's children then come in character order,
        //    and each literal only adds the states past its common prefix with the one before
        Trie trie = trie(literals, ids);
        int n = trie.states();
        edgeStart = new int[n + 1];
        edgeChars = new char[n - 1];
        edgeTargets = new int[n - 1];
        groupEdges(trie);
        for (char c = 0; c < 128; c++) {
            rootAscii[c] = Math.max(child(0, c), 0);
        }
        // 2. failure links breadth-first, outputs merged along them
        fail = new int[n];
        outputs = new int[n][];
        int[] bfs = new int[n];
        int[] depth = new int[n];
        linkFailures(trie.own(), bfs, depth);
        // 3. the ASCII character classes: each folded ASCII character of the literals its own class, class 0
        //    every other ASCII character
        List<Character> ordered = literalAscii();
        classes = ordered.size() + 1;
        for (char c = 0; c < 128; c++) {
            int at = Collections.binarySearch(ordered, Literals.fold(c));
            asciiClass[c] = at >= 0 ? at + 1 : 0;
        }
        // 4. handles: dense rows for the shallow states, breadth-first (a failure target's row comes first, and
        //    the states where a scan spends most of its time lie together); compact records for the others,
        //    depth-first, so that following a literal down the trie reads memory in order. A scan over a large
        //    automaton is bound by memory, not by instructions: a dense row per state made the command-line
        //    automaton 19 MB, and every character past the first few of a path a cache miss.
        int rows = 0;
        while (rows < n && depth[bfs[rows]] <= denseDepth) {
            rows++;
        }
        byRow = Arrays.copyOf(bfs, rows);
        denseEnd = rows * classes;
        handle = new int[n];
        table = new int[placeStates(depth, denseDepth)];
        fillRows(ordered);
        fillRecords();
        for (char c = 0; c < 128; c++) {
            startsAscii[c] = table[asciiClass[c]] != 0;
        }
        // 5. the telling characters. An ASCII character folds to an ASCII one: a literal whose telling character
        //    is not ASCII cannot be in a text of ASCII characters only, the only texts the pass over them accepts
        markTelling(literals);
    }

    /** The trie's states: each one's parent, the character leading to it, and the ids of the literal it ends. */
    private record Trie(int states, int[] parent, char[] via, int[][] own) {}

    private static Trie trie(List<String> literals, List<int[]> ids) {
        Integer[] order = sortedOrder(literals);
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
        return new Trie(n, parent, via, own);
    }

    /** The literals' positions, ordered by literal (and checked not empty). */
    private static Integer[] sortedOrder(List<String> literals) {
        Integer[] order = new Integer[literals.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            if (literals.get(i).isEmpty()) {
                throw new IllegalArgumentException("empty literal");
            }
        }
        Arrays.sort(order, (x, y) -> literals.get(x).compareTo(literals.get(y)));
        return order;
    }

    /** Fills the edges: children grouped by parent; states were made in order, so each group stays in character order. */
    private void groupEdges(Trie trie) {
        int n = trie.states();
        for (int t = 1; t < n; t++) {
            edgeStart[trie.parent()[t] + 1]++;
        }
        for (int st = 0; st < n; st++) {
            edgeStart[st + 1] += edgeStart[st];
        }
        int[] fill = Arrays.copyOf(edgeStart, n);
        for (int t = 1; t < n; t++) {
            int e = fill[trie.parent()[t]]++;
            edgeChars[e] = trie.via()[t];
            edgeTargets[e] = t;
        }
    }

    /** Fills the failure links and the merged outputs, and {@code bfs}, {@code depth} with the states breadth-first. */
    private void linkFailures(int[][] own, int[] bfs, int[] depth) {
        outputs[0] = own[0];
        int tail = 1;
        for (int head = 0; head < tail; head++) {
            int st = bfs[head];
            for (int e = edgeStart[st]; e < edgeStart[st + 1]; e++) {
                int t = edgeTargets[e];
                depth[t] = depth[st] + 1;
                fail[t] = st == 0 ? 0 : next(fail[st], edgeChars[e]);
                outputs[t] = union(own[t], outputs[fail[t]]);
                bfs[tail++] = t;
            }
        }
    }

    /** The folded ASCII characters the literals hold, in order. */
    private List<Character> literalAscii() {
        TreeSet<Character> alphabet = new TreeSet<>();
        for (char c : edgeChars) {
            if (c < 128) {
                alphabet.add(c);
            }
        }
        return new ArrayList<>(alphabet);
    }

    /**
     * Gives each deep state its record's handle, depth-first with the first child right after its parent (the
     * dense rows' handles are set here too); returns the table's size.
     */
    private int placeStates(int[] depth, int denseDepth) {
        for (int r = 0; r < byRow.length; r++) {
            handle[byRow[r]] = r * classes;
        }
        int size = denseEnd;
        int others = 0;
        int[] stack = new int[handle.length];
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int st = stack[--top];
            if (depth[st] > denseDepth) {
                handle[st] = size;
                size += RECORD;
                int children = edgeStart[st + 1] - edgeStart[st];
                others += children > 1 ? 1 + 2 * (children - 1) : 0;
            }
            for (int e = edgeStart[st + 1] - 1; e >= edgeStart[st]; e--) {
                stack[top++] = edgeTargets[e]; // pushed last to first: the first child comes out next
            }
        }
        return size + others;
    }

    /** Fills the dense rows: each row its failure state's row, overwritten by its own edges. */
    private void fillRows(List<Character> ordered) {
        for (int r = 0; r < byRow.length; r++) {
            int st = byRow[r];
            if (r > 0) {
                System.arraycopy(table, handle[fail[st]], table, r * classes, classes);
            }
            for (int e = edgeStart[st]; e < edgeStart[st + 1]; e++) {
                if (edgeChars[e] < 128) {
                    table[r * classes + Collections.binarySearch(ordered, edgeChars[e]) + 1] = encoded(edgeTargets[e]);
                }
            }
        }
    }

    /** Fills the compact records of the deep states, and after them their other children. */
    private void fillRecords() {
        int other = table.length;
        for (int st = 0; st < handle.length; st++) {
            int children = edgeStart[st + 1] - edgeStart[st];
            if (handle[st] >= denseEnd && children > 1) {
                other -= 1 + 2 * (children - 1);
            }
        }
        for (int st = 0; st < handle.length; st++) {
            int at = handle[st];
            if (at >= denseEnd) {
                int first = edgeStart[st];
                int children = edgeStart[st + 1] - first;
                table[at] = outputs[st] != null ? ~st : st;
                table[at + 1] = handle[fail[st]];
                table[at + 2] = children > 0 ? edgeChars[first] : -1;
                if (children > 0 && handle[edgeTargets[first]] != at + RECORD) {
                    throw new IllegalStateException("first child not after its parent");
                }
                if (children > 1) {
                    table[at + 3] = other;
                    table[other++] = children - 1;
                    for (int e = first + 1; e < edgeStart[st + 1]; e++) {
                        table[other++] = edgeChars[e];
                        table[other++] = encoded(edgeTargets[e]);
                    }
                }
            }
        }
    }

    /** Marks each literal's telling character ({@link #rarity}), and every ASCII character folding to one. */
    private void markTelling(List<String> literals) {
        boolean[] tellingFolded = new boolean[128];
        for (String lit : literals) {
            char best = lit.charAt(0);
            for (int i = 1; i < lit.length(); i++) {
                if (rarity(lit.charAt(i)) > rarity(best)) {
                    best = lit.charAt(i);
                }
            }
            if (best < 128) {
                tellingFolded[best] = true;
            }
        }
        for (char c = 0; c < 128; c++) {
            telling[c] = tellingFolded[Literals.fold(c)];
        }
    }

    /**
     * How unlikely a folded character is in the values that fill most fields (numbers, times, GUIDs, hex):
     * digits least, then hex letters and the separators of times and GUIDs, then everything else.
     */
    private static int rarity(char c) {
        if (c >= '0' && c <= '9') {
            return 0;
        }
        return c >= 'a' && c <= 'f' || "-:. {}tzx".indexOf(c) >= 0 ? 1 : 2;
    }

    /**
     * Whether {@code text} holds no literal's telling character (and only ASCII characters): then it holds
     * no literal. Most of what a keyword search reads besides the fields rules name (times, record ids,
     * GUIDs) is such, and is passed over at the cost of one look at each character.
     */
    public boolean holdsNoTellingCharacter(String text) {
        boolean[] t = telling;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 128 || t[c]) {
                return false;
            }
        }
        return true;
    }

    /** A state as the table holds it: its handle, bit-inverted when the state has outputs. */
    private int encoded(int state) {
        return outputs[state] != null ? ~handle[state] : handle[state];
    }

    /** The state at a handle. */
    private int stateAt(int at) {
        if (at < denseEnd) {
            return byRow[at / classes];
        }
        int st = table[at];
        return st < 0 ? ~st : st;
    }

    /** Number of states: a measure of the automaton's size. */
    public int states() {
        return fail.length;
    }

    /** Adds to {@code found} the ids of every literal that occurs in {@code text}, compared case-folded. */
    public void scan(String text, Found found) {
        int[] table = this.table;
        int[] ascii = asciiClass;
        boolean[] starts = startsAscii;
        int denseEnd = this.denseEnd;
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
            if (s < denseEnd) {
                t = c < 128 ? table[s + ascii[c]] : move(s, c);
            } else if (table[s + 2] == Literals.fold(c)) {
                // along a literal to the first child, whose record follows: its place is known before it is read
                t = s + RECORD;
                t = table[t] < 0 ? ~t : t;
            } else {
                t = move(s, c);
            }
            if (t < 0) {
                s = ~t;
                found.addAll(outputs[stateAt(s)]);
            } else {
                s = t;
            }
        }
    }

    /** Adds to {@code found} the ids of every literal {@code text} ends with, compared case-folded. */
    public void endings(String text, Found found) {
        int s = 0;
        boolean atOutput = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int t = s < denseEnd && c < 128 ? table[s + asciiClass[c]] : move(s, c);
            atOutput = t < 0;
            s = atOutput ? ~t : t;
        }
        if (atOutput) {
            found.addAll(outputs[stateAt(s)]);
        }
    }

    /** The move from the state at handle {@code at} on {@code c} where the dense rows do not give it at once. */
    private int move(int at, char c) {
        char f = Literals.fold(c);
        while (at >= denseEnd) {
            if (table[at + 2] == f) {
                int child = at + RECORD; // the first child, the usual step along a literal
                return table[child] < 0 ? ~child : child;
            }
            int others = table[at + 3];
            if (others != 0) {
                for (int k = others + 1, end = k + 2 * table[others]; k < end; k += 2) {
                    if (table[k] == f) {
                        return table[k + 1];
                    }
                }
            }
            at = table[at + 1];
        }
        return f < 128 ? table[at + asciiClass[f]] : encoded(next(byRow[at / classes], f));
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
