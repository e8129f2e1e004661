package org.dotlink.sigma.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.dotlink.sigma.match.regex.RandomRegex;
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
        int checked = 0;
        for (int round = 0; round < 3000; round++) {
            String pattern = RandomRegex.pattern(rnd, 6);
            com.google.re2j.Pattern re = RandomRegex.re2(pattern);
            List<String> lits = re == null ? null : RegexLiterals.required(pattern);
            if (lits == null) {
                continue;
            }
            for (int t = 0; t < 20; t++) {
                String text = RandomRegex.text(rnd, 12);
                String folded = Literals.fold(text);
                if (re.matcher(text).find()) {
                    checked++;
                    org.junit.jupiter.api.Assertions.assertTrue(lits.stream().anyMatch(folded::contains),
                            "pattern " + pattern + " matches '" + text + "' without any of " + lits);
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(checked > 1000, "matches checked: " + checked);
    }
}
