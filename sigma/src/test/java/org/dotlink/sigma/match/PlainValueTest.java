package org.dotlink.sigma.match;

import static org.dotlink.sigma.match.Events.ev;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values without modifiers: equality, case, wildcards, escapes, lists, multi-valued fields, null, numbers. */
class PlainValueTest {

    private static boolean m(String key, Object value, String... event) {
        return FieldMatcher.compile(key, value).matches(ev(event));
    }

    @Test
    void plainEqualsIsWholeValueAndCaseInsensitive() {
        String rule = "C:\\Windows\\System32\\cmd.exe"; // YAML 'C:\Windows\System32\cmd.exe'
        assertTrue(m("Image", rule, "Image", "C:\\Windows\\System32\\cmd.exe"));
        assertTrue(m("Image", rule, "Image", "c:\\windows\\system32\\CMD.EXE"));
        assertFalse(m("Image", rule, "Image", "cmd.exe"), "partial value must not match plain equals");
        assertFalse(m("Image", rule, "Image", "C:\\Windows\\System32\\cmd.exe2"));
        assertFalse(m("Image", rule, "Image", "D:\\Windows\\System32\\cmd.exe"));
    }

    @Test
    void absentFieldDoesNotMatch() {
        assertFalse(m("Image", "cmd.exe", "CommandLine", "cmd.exe"));
    }

    @Test
    void starWildcard() {
        assertTrue(m("Image", "*\\cmd.exe", "Image", "C:\\Windows\\System32\\CMD.exe"));
        assertFalse(m("Image", "*\\cmd.exe", "Image", "C:\\Windows\\System32\\xcmd.exe"));
        // YAML 'C:\Users\\*\AppData\\*.exe': a backslash before a wildcard must itself be escaped
        String glob = "C:\\Users\\\\*\\AppData\\\\*.exe";
        assertTrue(m("Image", glob, "Image", "C:\\Users\\bob\\AppData\\Local\\x.exe"));
        assertFalse(m("Image", glob, "Image", "C:\\Users\\bob\\Desktop\\x.exe"));
        // YAML 'C:\Users\*\AppData': the single backslash escapes the star (and is consumed by it)
        assertTrue(m("Image", "C:\\Users\\*\\AppData", "Image", "C:\\Users*\\AppData"));
        assertFalse(m("Image", "C:\\Users\\*\\AppData", "Image", "C:\\Users\\*\\AppData"));
        assertFalse(m("Image", "C:\\Users\\*\\AppData", "Image", "C:\\Users\\bob\\AppData"));
        assertTrue(m("Image", "adm*", "Image", "Administrator"));
        assertFalse(m("Image", "adm*", "Image", "sysadm"));
        assertTrue(m("Image", "*", "Image", ""), "a lone star matches any present value, even empty");
        assertFalse(m("Image", "*", "Other", "x"), "a lone star does not match an absent field");
    }

    @Test
    void questionMarkIsExactlyOneCharacter() {
        assertTrue(m("Image", "prog?.exe", "Image", "progA.exe"));
        assertTrue(m("Image", "prog?.exe", "Image", "PROGb.EXE"));
        assertFalse(m("Image", "prog?.exe", "Image", "prog.exe"));
        assertFalse(m("Image", "prog?.exe", "Image", "progAB.exe"));
        assertTrue(m("Image", "*prog?.e*", "Image", "x\\progZ.exe"));
    }

    @Test
    void escapedWildcardsAreLiterals() {
        assertTrue(m("F", "a\\*b", "F", "a*b")); // YAML 'a\*b'
        assertFalse(m("F", "a\\*b", "F", "axxb"));
        assertTrue(m("F", "a\\?b", "F", "a?b")); // YAML 'a\?b'
        assertFalse(m("F", "a\\?b", "F", "axb"));
    }

    @Test
    void backslashEscapes() {
        // 'C:\\*' : backslash followed by a real wildcard
        assertTrue(m("F", "C:\\\\*", "F", "C:\\Windows"));
        assertFalse(m("F", "C:\\\\*", "F", "C:Windows"));
        // 'a\\\*b' : backslash then a plain star
        assertTrue(m("F", "a\\\\\\*b", "F", "a\\*b"));
        assertFalse(m("F", "a\\\\\\*b", "F", "a\\xyzb"));
        // 'a\\\\b' : two plain backslashes
        assertTrue(m("F", "a\\\\\\\\b", "F", "a\\\\b"));
        assertFalse(m("F", "a\\\\\\\\b", "F", "a\\b"));
        // 'a\\b' and 'a\b' : one plain backslash
        assertTrue(m("F", "a\\\\b", "F", "a\\b"));
        assertTrue(m("F", "a\\b", "F", "a\\b"));
        assertFalse(m("F", "a\\\\b", "F", "a\\\\b"));
        // trailing lone backslash is a literal
        assertTrue(m("F", "dir\\", "F", "DIR\\"));
    }

    @Test
    void globDoesNotBlowUpOnPathologicalPatterns() {
        String value = "a".repeat(5000);
        long t0 = System.nanoTime();
        assertFalse(m("F", "*a*a*a*a*a*a*a*a*a*a*b", "F", value));
        // generous bound: exponential backtracking would take far longer than this
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    @Test
    void listIsOr() {
        List<String> images = List.of("*\\cmd.exe", "*\\powershell.exe");
        assertTrue(m("Image", images, "Image", "C:\\x\\powershell.exe"));
        assertTrue(m("Image", images, "Image", "C:\\x\\cmd.exe"));
        assertFalse(m("Image", images, "Image", "C:\\x\\pwsh.exe"));
    }

    @Test
    void multiValuedFieldMatchesWhenAnyValueMatches() {
        assertTrue(m("Data", "evil", "Data", "good", "Data", "EVIL"));
        assertFalse(m("Data", "evil", "Data", "good", "Data", "evil2"));
    }

    @Test
    void nullMeansAbsentOrEmpty() {
        assertTrue(m("PasswordLastSet", null, "Other", "x"));
        assertTrue(m("PasswordLastSet", null, "PasswordLastSet", ""));
        assertFalse(m("PasswordLastSet", null, "PasswordLastSet", "2024-01-01"));
        assertTrue(m("F", Arrays.asList("a", null), "G", "x"), "null inside a list");
        assertTrue(m("F", Arrays.asList("a", null), "F", "A"));
        assertFalse(m("F", Arrays.asList("a", null), "F", "b"));
    }

    @Test
    void emptyStringMatchesOnlyEmptyValue() {
        assertTrue(m("F", "", "F", ""));
        assertFalse(m("F", "", "F", "x"));
        assertFalse(m("F", "", "G", ""));
    }

    @Test
    void numbersAndBooleansCompareAsTheirText() {
        assertTrue(m("EventID", 4688, "EventID", "4688"));
        assertFalse(m("EventID", 4688, "EventID", "46880"));
        assertTrue(m("EventID", List.of(1, 4688L), "EventID", "1"));
        assertTrue(m("Enabled", true, "Enabled", "True"));
        assertFalse(m("Enabled", true, "Enabled", "false"));
        assertTrue(m("Ratio", 1.5, "Ratio", "1.5"));
        assertTrue(m("Count", 2.0, "Count", "2"), "an integral double compares as an integer");
    }
}
