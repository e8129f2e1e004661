package org.dotlink.sigma.match.regex;

import java.util.Random;

/** Small random patterns and texts over a few characters, for checking what is derived from a pattern against RE2/J. */
public final class RandomRegex {

    private static final String[] ATOMS = {"a", "b", "c", "ab", "bc", "\\.", ".", "[ab]", "[a-c]", "(a|b)", "(ab|c)", "(?i)",
        "\\d", "x", "^", "$"};
    private static final String[] QUANTIFIERS = {"", "", "", "?", "*", "+", "{0,2}", "{2}", "{1,}", "*?"};
    private static final String TEXT_CHARS = "abcxAB.1";

    private RandomRegex() {}

    /** A pattern of 1 to {@code maxAtoms} atoms, each with a quantifier or none, sometimes split by {@code |}; may not compile. */
    public static String pattern(Random rnd, int maxAtoms) {
        StringBuilder pattern = new StringBuilder();
        for (int k = 0, n = 1 + rnd.nextInt(maxAtoms); k < n; k++) {
            if (k > 0 && rnd.nextInt(8) == 0) {
                pattern.append('|');
            }
            pattern.append(ATOMS[rnd.nextInt(ATOMS.length)]).append(QUANTIFIERS[rnd.nextInt(QUANTIFIERS.length)]);
        }
        return pattern.toString();
    }

    /** RE2/J's pattern, or null when RE2 refuses it. */
    public static com.google.re2j.Pattern re2(String pattern) {
        try {
            return com.google.re2j.Pattern.compile(pattern);
        } catch (com.google.re2j.PatternSyntaxException e) {
            return null;
        }
    }

    /** A text of fewer than {@code maxLength} characters from "abcxAB.1". */
    public static String text(Random rnd, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int k = rnd.nextInt(maxLength); k > 0; k--) {
            text.append(TEXT_CHARS.charAt(rnd.nextInt(TEXT_CHARS.length())));
        }
        return text.toString();
    }
}
