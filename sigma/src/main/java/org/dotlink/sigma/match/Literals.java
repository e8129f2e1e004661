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

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLD[c] = Character.toLowerCase(Character.toUpperCase((char) c));
        }
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
