package org.dotlink.store;

/**
 * Strings made safe for DuckDB, which holds UTF-8: a lone surrogate (possible in text decoded from
 * damaged or crafted UTF-16) has no UTF-8 form and becomes U+FFFD, the replacement character.
 */
final class Utf16 {

    static final char REPLACEMENT = '\uFFFD';

    private Utf16() {}

    /** {@code s} itself when it is well-formed UTF-16 (the usual case, no copy), else a repaired copy. */
    static String wellFormed(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return repair(s);
                }
            }
        }
        return s;
    }

    private static String repair(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return b.toString();
    }
}
