package org.dotlink.sigma.match;

import java.util.List;

/**
 * A necessary condition of a detection item, for prefiltering: the item can only match an event whose
 * {@code field} holds a value containing one of {@code literals}, compared after {@link #fold case
 * folding}. Extracted from the item's values (the longest run of literal characters between wildcards
 * of each value and each encoded variant); items whose values give no such run (regexes, numbers,
 * {@code neq}, null, {@code *}) have none. A keyword search's literals may be in any field:
 * {@link #ANY_FIELD}.
 */
public record Literals(String field, List<String> literals) {

    /** The field name of a keyword search's literals: any field of the event may hold them. */
    public static final String ANY_FIELD = "";

    public Literals {
        literals = List.copyOf(literals);
    }

    /** The shortest literal's length: how selective this condition is, roughly. */
    public int shortest() {
        int min = Integer.MAX_VALUE;
        for (String l : literals) {
            min = Math.min(min, l.length());
        }
        return min;
    }

    /**
     * Case folding that agrees with the matchers' case-insensitive comparison: two characters equal
     * ignoring case ({@link String#regionMatches(boolean, int, String, int, int)}) fold to the same char.
     */
    public static char fold(char c) {
        return FOLD[c];
    }

    /** {@link #fold(char)} for every char, computed once (128 KiB): folding is on the matching hot path. */
    private static final char[] FOLD = new char[Character.MAX_VALUE + 1];

    /** For each ASCII char, every char that folds to it ({@code k}: k, K and the Kelvin sign). */
    private static final char[][] FOLDED_FROM = new char[128][];

    static {
        StringBuilder[] from = new StringBuilder[128];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLD[c] = Character.toLowerCase(Character.toUpperCase((char) c));
            if (FOLD[c] < 128) {
                (from[FOLD[c]] == null ? from[FOLD[c]] = new StringBuilder() : from[FOLD[c]]).append((char) c);
            }
        }
        for (int c = 0; c < 128; c++) {
            FOLDED_FROM[c] = from[c] == null ? new char[0] : from[c].toString().toCharArray();
        }
    }

    /**
     * The first position where a folded literal occurs in {@code text}, compared folded (two chars are equal
     * ignoring case exactly when their folds are equal), or -1. Candidate positions of an ASCII first
     * character are found with {@link String#indexOf(int, int)} (vectorised by the JVM) for every char that
     * folds to it, so long texts are not walked character by character.
     */
    public static int indexOf(String text, char[] folded) {
        return indexOf(text, folded, 0);
    }

    /** {@link #indexOf(String, char[])} from position {@code from} on. */
    public static int indexOf(String text, char[] folded, int from) {
        char first = folded[0];
        int last = text.length() - folded.length;
        if (last < from) {
            return -1;
        }
        if (first >= 128) {
            for (int i = from; i <= last; i++) {
                if (fold(text.charAt(i)) == first && restAt(text, i, folded)) {
                    return i;
                }
            }
            return -1;
        }
        // every char that folds to the first one (for 'k' also the Kelvin sign), each with its next position
        char[] variants = FOLDED_FROM[first];
        int[] next = new int[variants.length];
        for (int k = 0; k < variants.length; k++) {
            next[k] = text.indexOf(variants[k], from);
        }
        while (true) {
            int k = -1;
            for (int x = 0; x < next.length; x++) {
                if (next[x] >= 0 && (k < 0 || next[x] < next[k])) {
                    k = x;
                }
            }
            if (k < 0 || next[k] > last) {
                return -1;
            }
            int i = next[k];
            next[k] = text.indexOf(variants[k], i + 1);
            if (restAt(text, i, folded)) {
                return i;
            }
        }
    }

    /** Whether the literal's characters after the first match {@code text} from {@code i + 1}, folded. */
    private static boolean restAt(String text, int i, char[] folded) {
        for (int j = 1; j < folded.length; j++) {
            if (fold(text.charAt(i + j)) != folded[j]) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} with every character folded. */
    public static String fold(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fold(s.charAt(i));
        }
        return new String(out);
    }
}
