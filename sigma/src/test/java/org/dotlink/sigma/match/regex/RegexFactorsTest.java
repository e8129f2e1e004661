package org.dotlink.sigma.match.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.dotlink.sigma.match.Literals;
import org.junit.jupiter.api.Test;

class RegexFactorsTest {

    private static List<List<String>> needs(String pattern) {
        return RegexFactors.necessary(pattern, false, false, false);
    }

    @Test
    void everyPartThatMustMatchGivesANeed() {
        assertEquals(List.of(List.of("powershell"), List.of("input", "noexit"), List.of("cmd"), List.of("/c", "/r")),
                needs("cmd.{0,5}(?:/c|/r).+powershell.+(?:\\$?\\{?input\\}?|noexit).+\""));
        assertEquals(List.of(List.of("$input", "${input", "environment", "invoke"), List.of("set"), List.of("&&")),
                needs("(?i)(set).*&&\\s?set.*(environment|invoke|\\$\\{?input).*&&.*\""));
    }

    @Test
    void smallClassesAndAlternationsMultiplyIntoExactStrings() {
        assertEquals(List.of(List.of("net user", "net1 user")), needs("net1? user"),
                "an optional character makes two strings while the set stays small");
        assertEquals(List.of(List.of("abc", "abd")), needs("ab[cd]"));
        assertEquals(List.of(List.of("cmd.exe", "powershell.exe")), needs("(cmd|powershell)\\.exe"));
        assertEquals(List.of(List.of("\\\\.\\pipe\\")), needs("\\\\\\\\\\.\\\\pipe\\\\[a-f0-9]{8}"));
        assertEquals(List.of(List.of("user"), List.of("net")), needs("(?i)net\\s+user"), "case-insensitive parts fold to one literal");
    }

    @Test
    void optionalAndOpenPartsNeedNothing() {
        assertEquals(List.of(), needs("[a-z]+\\d*"));
        assertEquals(List.of(), needs("(abc)?x"), "a single character is too short to be listed");
        assertEquals(List.of(), needs("abc|.*"), "one alternative without a literal");
        assertEquals(List.of(List.of("ab")), needs("(ab)+"), "a repeated part is needed once");
    }

    @Test
    void patternsTheAutomatonDoesNotRunGiveNull() {
        assertNull(needs("\\bword\\b"));
        assertNull(needs("\\p{L}+"));
    }

    /** On random patterns and texts: whenever RE2/J finds the pattern, the text holds a literal of each need. */
    @Test
    void everyMatchHoldsALiteralOfEachNeed() {
        Random rnd = new Random(11);
        int checked = 0;
        int withNeeds = 0;
        for (int round = 0; round < 6000; round++) {
            String pattern = RandomRegex.pattern(rnd, 7);
            com.google.re2j.Pattern re = RandomRegex.re2(pattern);
            List<List<String>> needs = re == null ? null : needs(pattern);
            if (needs == null || needs.isEmpty()) {
                continue;
            }
            withNeeds++;
            for (int t = 0; t < 60; t++) {
                String text = RandomRegex.text(rnd, 14);
                String folded = Literals.fold(text);
                if (re.matcher(text).find()) {
                    checked++;
                    for (List<String> need : needs) {
                        assertTrue(need.stream().anyMatch(folded::contains),
                                "pattern " + pattern + " matches '" + text + "' without any of " + need);
                    }
                }
            }
        }
        assertTrue(withNeeds > 400 && checked > 1000, "patterns with needs: " + withNeeds + ", matches checked: " + checked);
    }
}
