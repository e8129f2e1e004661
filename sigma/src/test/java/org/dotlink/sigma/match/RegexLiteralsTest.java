package org.dotlink.sigma.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegexLiteralsTest {

    @Test
    void takesTheLongestRequiredRunOfEachAlternative() {
        assertEquals(List.of("\\\\.\\pipe\\"), RegexLiterals.required("\\\\\\\\\\.\\\\pipe\\\\[a-f0-9]{8}"));
        assertEquals(List.of("user"), RegexLiterals.required("(?i)net\\s+user"));
        assertEquals(List.of("powershell"), RegexLiterals.required("^powershell(\\.exe)?\\s+-e"));
        assertEquals(List.of("abc", "xyz"), RegexLiterals.required("abc\\d|[0-9]xyz"));
        assertEquals(List.of("ab"), RegexLiterals.required("ab+c"), "after a repeated atom the run ends");
        assertEquals(List.of("bcd"), RegexLiterals.required("ab?bcd"), "an optional character is not required");
        assertEquals(List.of("cd"), RegexLiterals.required("ab{0,2}cd"));
        assertEquals(List.of("abc"), RegexLiterals.required("abc{2}d"));
        assertEquals(List.of("a{b"), RegexLiterals.required("a{b"), "a brace that is no quantifier is literal");
    }

    @Test
    void givesNothingWhereAnyTextCouldMatch() {
        assertNull(RegexLiterals.required("[a-z]+\\d*"));
        assertNull(RegexLiterals.required("(abc|def)"), "inside a group: not taken");
        assertNull(RegexLiterals.required("abc|.*"), "one alternative without a literal");
        assertNull(RegexLiterals.required("\\Qa.b\\E"));
        assertNull(RegexLiterals.required("a(b"));
    }

    /** On random patterns and texts: whenever a pattern matches, the text holds one of its literals. */
    @Test
    void everyMatchHoldsALiteral() {
        java.util.Random rnd = new java.util.Random(7);
        String[] atoms = {"a", "b", "c", "ab", "\\.", ".", "[ab]", "(a|b)", "(?i)", "\\d", "x", "^", "$"};
        String[] quantifiers = {"", "", "", "?", "*", "+", "{0,2}", "{2}", "{1,}", "*?"};
        int checked = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder pattern = new StringBuilder();
            int n = 1 + rnd.nextInt(6);
            for (int k = 0; k < n; k++) {
                if (k > 0 && rnd.nextInt(8) == 0) {
                    pattern.append('|');
                }
                pattern.append(atoms[rnd.nextInt(atoms.length)]).append(quantifiers[rnd.nextInt(quantifiers.length)]);
            }
            com.google.re2j.Pattern re;
            try {
                re = com.google.re2j.Pattern.compile(pattern.toString());
            } catch (com.google.re2j.PatternSyntaxException e) {
                continue;
            }
            List<String> lits = RegexLiterals.required(pattern.toString());
            if (lits == null) {
                continue;
            }
            for (int t = 0; t < 20; t++) {
                StringBuilder text = new StringBuilder();
                for (int k = rnd.nextInt(12); k > 0; k--) {
                    text.append("abcxAB.1".charAt(rnd.nextInt(8)));
                }
                String folded = Literals.fold(text.toString());
                if (re.matcher(text.toString()).find()) {
                    checked++;
                    org.junit.jupiter.api.Assertions.assertTrue(lits.stream().anyMatch(folded::contains),
                            "pattern " + pattern + " matches '" + text + "' without any of " + lits);
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(checked > 1000, "matches checked: " + checked);
    }
}
