package org.dotlink.sigma.match.regex;

import java.util.Arrays;

/**
 * Case-insensitive matching as RE2 does it: a character stands for every character of its case orbit
 * (for example {@code k}, {@code K} and the Kelvin sign U+212A; {@code s}, {@code S} and the long s
 * U+017F). Orbits are the classes of the relation "one is the other's upper or lower case", over the
 * Basic Multilingual Plane.
 */
final class CaseFold {

    /** For each character, the next character of its orbit (a cycle); itself when it has no other case. */
    private static final char[] NEXT = orbits();

    private CaseFold() {}

    /** Adds every character that is case-equivalent to one in {@code ranges}; returns sorted disjoint ranges. */
    static int[] fold(int[] ranges) {
        CharSetBuilder out = new CharSetBuilder();
        for (int i = 0; i < ranges.length; i += 2) {
            out.add(ranges[i], ranges[i + 1]);
            for (int c = ranges[i]; c <= ranges[i + 1]; c++) {
                for (char o = NEXT[c]; o != c; o = NEXT[o]) {
                    out.add(o, o);
                }
            }
        }
        return out.ranges();
    }

    private static char[] orbits() {
        int n = 0x10000;
        int[] parent = new int[n];
        for (int c = 0; c < n; c++) {
            parent[c] = c;
        }
        for (int c = 0; c < n; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            union(parent, c, Character.toLowerCase((char) c));
            union(parent, c, Character.toUpperCase((char) c));
        }
        // link the members of each class into a cycle
        int[] last = new int[n];
        int[] first = new int[n];
        Arrays.fill(last, -1);
        char[] next = new char[n];
        for (int c = 0; c < n; c++) {
            int r = find(parent, c);
            if (last[r] < 0) {
                first[r] = c;
            } else {
                next[last[r]] = (char) c;
            }
            last[r] = c;
        }
        for (int c = 0; c < n; c++) {
            int r = find(parent, c);
            if (last[r] == c) {
                next[c] = (char) first[r];
            }
        }
        return next;
    }

    private static int find(int[] parent, int c) {
        while (parent[c] != c) {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        return c;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
