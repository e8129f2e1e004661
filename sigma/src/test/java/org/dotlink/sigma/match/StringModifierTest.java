package org.dotlink.sigma.match;

import static org.dotlink.sigma.match.Events.ev;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** contains, startswith, endswith, all, cased, windash, neq, keywords. */
class StringModifierTest {

    private static boolean m(String key, Object value, String... event) {
        return FieldMatcher.compile(key, value).matches(ev(event));
    }

    @Test
    void contains() {
        assertTrue(m("CommandLine|contains", "-EncodedCommand", "CommandLine", "powershell -encodedcommand AAA"));
        assertTrue(m("CommandLine|contains", "vssadmin", "CommandLine", "VSSADMIN"));
        assertFalse(m("CommandLine|contains", "vssadmin", "CommandLine", "vss admin delete"));
        assertFalse(m("CommandLine|contains", "vssadmin", "Image", "vssadmin"));
    }

    /** Eight values and more go through one automaton ({@link ItemCompiler#MANY_LITERALS}): the same answers as one test per value. */
    @Test
    void manyContainsValuesAnyAndAll() {
        List<String> cmdlets = List.of("Invoke-Mimikatz", "Get-GPPPassword", "Invoke-Kerberoast", "Add-Persistence",
                "Invoke-DCSync", "Get-Keystrokes", "Out-Minidump", "Invoke-TokenManipulation");
        assertTrue(m("ScriptBlockText|contains", cmdlets, "ScriptBlockText", "iex (new-object x); INVOKE-DCSYNC -all"));
        assertFalse(m("ScriptBlockText|contains", cmdlets, "ScriptBlockText", "Invoke-DC Sync; Get-Keystroke"));
        assertFalse(m("ScriptBlockText|contains", cmdlets, "Other", "Invoke-DCSync"));
        assertTrue(m("ScriptBlockText|contains", cmdlets, "ScriptBlockText", "a", "ScriptBlockText", "x Out-Minidump y"),
                "any value of a multi-valued field");
        String all = String.join(" ", cmdlets).toLowerCase();
        assertTrue(m("ScriptBlockText|contains|all", cmdlets, "ScriptBlockText", all));
        assertFalse(m("ScriptBlockText|contains|all", cmdlets, "ScriptBlockText", all.replace("out-minidump", "out-mini")));
        assertTrue(m("ScriptBlockText|contains|all", cmdlets, "ScriptBlockText", String.join(" ", cmdlets.subList(0, 4)),
                "ScriptBlockText", String.join(" ", cmdlets.subList(4, 8))), "all, spread over the values of one field");
        assertFalse(m("ScriptBlockText|contains|cased", cmdlets, "ScriptBlockText", "invoke-dcsync"), "cased stays cased");
        assertTrue(m("ScriptBlockText|contains|neq", cmdlets, "ScriptBlockText", "nothing here"));
    }

    /** Random lists of eight or more values against random texts: the automaton agrees with folding and searching. */
    @Test
    void manyContainsValuesAgreeWithSearchingEach() {
        agreesWithEachValue("contains", String::contains, 5, 30);
    }

    /** Eight endswith values and more go through one automaton too, which reports the literals found at the last character. */
    @Test
    void manyEndswithValuesAnyAndAll() {
        List<String> dlls = List.of("\\aclui.dll", "\\activeds.dll", "\\apphelp.dll", "\\atl.dll", "\\authz.dll",
                "\\avrt.dll", "\\bcrypt.dll", "\\cryptbase.dll");
        assertTrue(m("ImageLoaded|endswith", dlls, "ImageLoaded", "C:\\Users\\x\\BCRYPT.DLL"));
        assertFalse(m("ImageLoaded|endswith", dlls, "ImageLoaded", "C:\\Users\\x\\bcrypt.dll.bak"), "contains is not endswith");
        assertFalse(m("ImageLoaded|endswith", dlls, "ImageLoaded", "C:\\x\\mybcrypt.dll"), "the backslash is part of the value");
        assertTrue(m("ImageLoaded|endswith", dlls, "ImageLoaded", "a", "ImageLoaded", "c:\\x\\atl.dll"), "any value of a multi-valued field");
        assertFalse(m("ImageLoaded|endswith|all", dlls, "ImageLoaded", "c:\\x\\atl.dll"));
        assertFalse(m("ImageLoaded|endswith|cased", dlls, "ImageLoaded", "C:\\Users\\x\\BCRYPT.DLL"), "cased stays cased");
    }

    /** Random lists of eight or more endswith values against random texts: the automaton agrees with folding and comparing ends. */
    @Test
    void manyEndswithValuesAgreeWithComparingEach() {
        agreesWithEachValue("endswith", String::endsWith, 6, 12);
    }

    /**
     * 500 random lists of 8 to 13 values and random texts (shorter than {@code maxText}): an item with the
     * modifier, with and without {@code all}, holds exactly when {@code holds} does for one value (each value),
     * folded.
     */
    private static void agreesWithEachValue(String modifier, java.util.function.BiPredicate<String, String> holds,
                                            long seed, int maxText) {
        java.util.Random rnd = new java.util.Random(seed);
        for (int round = 0; round < 500; round++) {
            List<String> values = new java.util.ArrayList<>();
            for (int k = 8 + rnd.nextInt(6); k > 0; k--) {
                values.add(random(rnd, 1 + rnd.nextInt(3)));
            }
            String text = random(rnd, rnd.nextInt(maxText));
            String folded = Literals.fold(text);
            boolean any = values.stream().anyMatch(v -> holds.test(folded, Literals.fold(v)));
            boolean every = values.stream().allMatch(v -> holds.test(folded, Literals.fold(v)));
            assertTrue(any == m("F|" + modifier, values, "F", text), modifier + " " + values + ": '" + text + "'");
            assertTrue(every == m("F|" + modifier + "|all", values, "F", text), modifier + " all of " + values + ": '" + text + "'");
        }
    }

    private static String random(java.util.Random rnd, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append("abAB\u00e4\u212a-".charAt(rnd.nextInt(7)));
        }
        return sb.toString();
    }

    @Test
    void containsWithInnerWildcard() {
        assertTrue(m("CommandLine|contains", "reg* save", "CommandLine", "cmd /c REG.exe SAVE hklm\\sam"));
        assertFalse(m("CommandLine|contains", "reg* save", "CommandLine", "cmd /c save reg"));
    }

    @Test
    void startswith() {
        assertTrue(m("Image|startswith", "C:\\Users\\", "Image", "c:\\users\\bob\\x.exe"));
        assertFalse(m("Image|startswith", "C:\\Users\\", "Image", "D:\\C:\\Users\\x.exe"));
        assertFalse(m("Image|startswith", "C:\\Users\\", "Image", "C:\\User"));
    }

    @Test
    void endswith() {
        assertTrue(m("Image|endswith", "\\rundll32.exe", "Image", "C:\\Windows\\System32\\RUNDLL32.EXE"));
        assertFalse(m("Image|endswith", "\\rundll32.exe", "Image", "C:\\Windows\\System32\\rundll32.exe.bak"));
        assertFalse(m("Image|endswith", "\\rundll32.exe", "Image", "rundll32.exe"));
    }

    @Test
    void allLinksTheListWithAnd() {
        String key = "CommandLine|contains|all";
        List<String> v = List.of("OabVirtualDirectory", " -ExternalUrl ");
        assertTrue(m(key, v, "CommandLine", "Set-OabVirtualDirectory -ExternalUrl http://x"));
        assertFalse(m(key, v, "CommandLine", "Set-OabVirtualDirectory -InternalUrl http://x"));
        assertTrue(m("CommandLine|contains", v, "CommandLine", "Set-OabVirtualDirectory -InternalUrl http://x"),
                "without all the list is OR");
    }

    @Test
    void allOverMultiValuedFieldLetsEachValueMatchADifferentEntry() {
        assertTrue(m("Data|contains|all", List.of("foo", "bar"), "Data", "xfoo", "Data", "barx"));
        assertFalse(m("Data|contains|all", List.of("foo", "baz"), "Data", "xfoo", "Data", "barx"));
    }

    @Test
    void casedMakesMatchingCaseSensitive() {
        assertTrue(m("Image|cased", "Cmd.exe", "Image", "Cmd.exe"));
        assertFalse(m("Image|cased", "Cmd.exe", "Image", "cmd.exe"));
        assertTrue(m("CommandLine|contains|cased", "MiniDump", "CommandLine", "rundll32 comsvcs MiniDump"));
        assertFalse(m("CommandLine|contains|cased", "MiniDump", "CommandLine", "rundll32 comsvcs minidump"));
        assertFalse(m("Image|endswith|cased", "\\CMD.exe", "Image", "C:\\cmd.exe"));
        assertFalse(m("Image|startswith|cased", "C:\\Win", "Image", "c:\\Windows"));
        assertFalse(m("Image|cased", "prog?.EXE", "Image", "progA.exe"), "cased applies to wildcard patterns too");
        assertTrue(m("Image|cased", "prog?.EXE", "Image", "progA.EXE"));
    }

    @Test
    void windashMatchesEveryDashVariant() {
        String key = "CommandLine|windash|contains";
        String v = " -enc ";
        assertTrue(m(key, v, "CommandLine", "powershell -enc AAA"));
        assertTrue(m(key, v, "CommandLine", "powershell /enc AAA"));
        assertTrue(m(key, v, "CommandLine", "powershell \u2013enc AAA"), "en dash");
        assertTrue(m(key, v, "CommandLine", "powershell \u2014enc AAA"), "em dash");
        assertTrue(m(key, v, "CommandLine", "powershell \u2015enc AAA"), "horizontal bar");
        assertFalse(m(key, v, "CommandLine", "powershell +enc AAA"));
        assertFalse(m(key, v, "CommandLine", "powershell enc AAA"));
    }

    @Test
    void windashBeforeContainsAndInAllLists() {
        String key = "CommandLine|contains|all|windash";
        List<String> v = List.of("-s ", "-accepteula");
        assertTrue(m(key, v, "CommandLine", "psexec /s /accepteula cmd"));
        assertTrue(m(key, v, "CommandLine", "psexec -s \u2014accepteula cmd"));
        assertFalse(m(key, v, "CommandLine", "psexec /s cmd"));
    }

    @Test
    void windashPermutesEachDashIndependently() {
        String key = "CommandLine|windash|contains";
        String v = " -a -b";
        assertTrue(m(key, v, "CommandLine", "x /a \u2013b"));
        assertTrue(m(key, v, "CommandLine", "x -a /b"));
        assertFalse(m(key, v, "CommandLine", "x -a +b"));
    }

    @Test
    void windashLeavesDashesInsideWordsAlone() {
        // pySigma replaces only \B[-/]\b: a dash between two word characters is kept
        assertTrue(m("F|windash", "x-y", "F", "x-y"));
        assertFalse(m("F|windash", "x-y", "F", "x/y"));
        assertTrue(m("F|windash", "-y", "F", "/y"));
        assertTrue(m("F|windash", "/y", "F", "\u2015y"));
        // like pySigma, only '-' and '/' in the rule are permuted; a rule's en dash stays an en dash
        assertFalse(m("F|windash", "\u2013y", "F", "-y"));
        assertTrue(m("F|windash", "\u2013y", "F", "\u2013Y"));
    }

    @Test
    void neqRequiresPresenceAndDifference() {
        assertTrue(m("User|neq", "SYSTEM", "User", "alice"));
        assertFalse(m("User|neq", "SYSTEM", "User", "system"), "neq compares case-insensitively by default");
        assertFalse(m("User|neq", "SYSTEM", "Other", "x"), "absent field is not 'different'");
        assertTrue(m("User|neq|cased", "SYSTEM", "User", "system"));
    }

    @Test
    void neqWithListMeansDifferentFromEveryValue() {
        assertTrue(m("EventID|neq", List.of(1, 2), "EventID", "3"));
        assertFalse(m("EventID|neq", List.of(1, 2), "EventID", "2"));
        assertFalse(m("EventID|neq", List.of(1, 2), "EventID", "1"));
    }

    @Test
    void neqWithWildcardsAndNull() {
        assertTrue(m("Image|neq|endswith", "\\svchost.exe", "Image", "C:\\evil.exe"));
        assertFalse(m("Image|neq|endswith", "\\svchost.exe", "Image", "C:\\Windows\\SVCHOST.EXE"));
        assertTrue(m("F|neq", (Object) null, "F", "x"), "neq null: present and not empty");
        assertFalse(m("F|neq", (Object) null, "F", ""));
        assertFalse(m("F|neq", (Object) null, "G", "x"));
    }

    @Test
    void keywordsSearchEveryFieldAsSubstring() {
        List<String> v = List.of("event::clear", "event::drop");
        assertTrue(m(null, v, "Image", "x.exe", "CommandLine", "mimikatz EVENT::Clear"));
        assertTrue(m("", v, "Payload", "event::drop now"));
        assertFalse(m(null, v, "Image", "event.exe", "CommandLine", "event:: clear"));
    }

    @Test
    void keywordsWithAllMayMatchInDifferentFields() {
        List<String> v = List.of("OabVirtualDirectory", " -ExternalUrl ");
        assertTrue(m("|all", v, "A", "Set-OabVirtualDirectory", "B", "x -ExternalUrl y"));
        assertFalse(m("|all", v, "A", "Set-OabVirtualDirectory", "B", "x -InternalUrl y"));
    }

    @Test
    void keywordsCanBeCasedOrAnchored() {
        assertFalse(m("|cased", "Mimikatz", "A", "mimikatz.exe"));
        assertTrue(m("|cased", "Mimikatz", "A", "x Mimikatz"));
        assertTrue(m("|startswith", "mimi", "A", "MIMIKATZ"));
        assertFalse(m("|startswith", "mimi", "A", "x mimikatz"));
    }

    /** Case-insensitive contains agrees with String.regionMatches(ignoreCase), also for chars that fold to ASCII. */
    @org.junit.jupiter.api.Test
    void containsFoldsLikeRegionMatches() {
        FieldMatcher m = FieldMatcher.compile("CommandLine|contains", "kerberos::");
        org.junit.jupiter.api.Assertions.assertTrue(m.matches(Events.ev("CommandLine", "x \u212AERBEROS:: y")), "Kelvin sign");
        org.junit.jupiter.api.Assertions.assertTrue(m.matches(Events.ev("CommandLine", "mimikatz KERBEROS::list")));
        org.junit.jupiter.api.Assertions.assertFalse(m.matches(Events.ev("CommandLine", "kerberos: :")));
        FieldMatcher s = FieldMatcher.compile("CommandLine|contains", "sekurlsa");
        org.junit.jupiter.api.Assertions.assertTrue(s.matches(Events.ev("CommandLine", "\u017FEKURLSA::logonpasswords")),
                "long s folds to s");
        java.util.Random rnd = new java.util.Random(3);
        String alphabet = "aAkK\u212As\u017FS\u0130iI\u0131-\\";
        for (int round = 0; round < 5000; round++) {
            StringBuilder lit = new StringBuilder();
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                lit.append("akSi-".charAt(rnd.nextInt(5)));
            }
            StringBuilder text = new StringBuilder();
            for (int k = rnd.nextInt(10); k > 0; k--) {
                text.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            boolean expected = false;
            for (int i = 0; i + lit.length() <= text.length() && !expected; i++) {
                expected = text.toString().regionMatches(true, i, lit.toString(), 0, lit.length());
            }
            org.junit.jupiter.api.Assertions.assertEquals(expected,
                    FieldMatcher.compile("F|contains", lit.toString()).matches(Events.ev("F", text.toString())),
                    "'" + lit + "' in '" + text + "'");
        }
    }
}
