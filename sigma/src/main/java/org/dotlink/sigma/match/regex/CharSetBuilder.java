package org.dotlink.sigma.match.regex;

import java.util.Arrays;

/** Collects character ranges and returns them sorted, merged and, when asked, complemented. */
final class CharSetBuilder {

    static final int MAX_CHAR = 0xFFFF;

    private int[] ranges = new int[16];
    private int size;

    CharSetBuilder add(int lo, int hi) {
        if (size == ranges.length) {
            ranges = Arrays.copyOf(ranges, size * 2);
        }
        ranges[size++] = lo;
        ranges[size++] = hi;
        return this;
    }

    CharSetBuilder addAll(int[] more) {
        for (int i = 0; i < more.length; i += 2) {
            add(more[i], more[i + 1]);
        }
        return this;
    }

    /** Sorted, disjoint, non-adjacent ranges. */
    int[] ranges() {
        int pairs = size / 2;
        long[] packed = new long[pairs];
        for (int i = 0; i < pairs; i++) {
            packed[i] = ((long) ranges[2 * i] << 32) | ranges[2 * i + 1];
        }
        Arrays.sort(packed);
        int[] out = new int[size];
        int n = 0;
        for (long p : packed) {
            int lo = (int) (p >>> 32);
            int hi = (int) p;
            if (n > 0 && lo <= out[n - 1] + 1) {
                out[n - 1] = Math.max(out[n - 1], hi);
            } else {
                out[n++] = lo;
                out[n++] = hi;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The characters not in {@code ranges} (which must be sorted and disjoint). */
    static int[] complement(int[] ranges) {
        CharSetBuilder out = new CharSetBuilder();
        int next = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] > next) {
                out.add(next, ranges[i] - 1);
            }
            next = ranges[i + 1] + 1;
        }
        if (next <= MAX_CHAR) {
            out.add(next, MAX_CHAR);
        }
        return out.ranges();
    }
}
