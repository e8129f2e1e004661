package org.dotlink.sigma.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LiteralAutomatonTest {

    private static TreeSet<Integer> found(LiteralAutomaton a, String text) {
        LiteralAutomaton.Found f = new LiteralAutomaton.Found();
        a.scan(text, f);
        TreeSet<Integer> out = new TreeSet<>();
        for (int k = 0; k < f.count(); k++) {
            out.add(f.id(k));
        }
        return out;
    }

    @Test
    void findsOverlappingAndNestedLiterals() {
        LiteralAutomaton a = new LiteralAutomaton(List.of("he", "she", "his", "hers", "cmd.exe"),
                List.of(new int[] {0}, new int[] {1}, new int[] {2}, new int[] {3}, new int[] {4, 5}));
        assertEquals(new TreeSet<>(List.of(0, 1, 3)), found(a, "ushers"));
        assertEquals(new TreeSet<>(List.of(2)), found(a, "this"));
        assertEquals(new TreeSet<>(List.of(4, 5)), found(a, "c:\\windows\\system32\\cmd.exe /c"));
        assertEquals(new TreeSet<>(), found(a, "cmd.ex"));
        assertEquals(new TreeSet<>(), found(a, ""));
    }

    @Test
    void textIsFoldedOnTheFly() {
        LiteralAutomaton a = new LiteralAutomaton(List.of(Literals.fold("\\PowerShell.EXE"), Literals.fold("ÄRGER")),
                List.of(new int[] {7}, new int[] {8}));
        assertEquals(new TreeSet<>(List.of(7)), found(a, "C:\\WINDOWS\\powershell.exe -nop"));
        assertEquals(new TreeSet<>(List.of(8)), found(a, "viel ärger"));
        assertEquals(new TreeSet<>(), found(a, "powershell.exe")); // the backslash is part of the literal
    }

    /**
     * A text without any literal's telling character (its character least likely in numbers, times and GUIDs)
     * holds no literal: what a keyword search passes over without scanning.
     */
    @Test
    void textsWithoutATellingCharacterHoldNoLiteral() {
        LiteralAutomaton words = new LiteralAutomaton(List.of("sekurlsa::", "kiwi", "event::drop"),
                List.of(new int[] {0}, new int[] {1}, new int[] {2}));
        assertEquals(true, words.holdsNoTellingCharacter("2019-05-14T18:21:49.123456Z"));
        assertEquals(true, words.holdsNoTellingCharacter("{9bb0c9a4-0a9f-5cd3-0000-0010e4a41b00}"));
        assertEquals(true, words.holdsNoTellingCharacter("4625"));
        assertEquals(false, words.holdsNoTellingCharacter("KIWI"), "K folds to k");
        assertEquals(false, words.holdsNoTellingCharacter("1234\u212A"), "the Kelvin sign folds to k");
        assertEquals(false, words.holdsNoTellingCharacter("C:\\Windows\\lsass.exe"));
        LiteralAutomaton hex = new LiteralAutomaton(List.of("2f746d", "0x1"), List.of(new int[] {0}, new int[] {1}));
        assertEquals(false, hex.holdsNoTellingCharacter("{9bb0c9a4-0a9f-5cd3}"), "a literal of hex digits: f is telling");
        assertEquals(false, hex.holdsNoTellingCharacter("0x10"));
        assertEquals(true, hex.holdsNoTellingCharacter("2019-05-14 18:21:49"));
        // and never a text that holds a literal, over random literals and texts of digits, hex and separators
        Random rnd = new Random(5);
        int passed = 0;
        for (int round = 0; round < 2_000; round++) {
            List<String> lits = new ArrayList<>();
            List<int[]> ids = new ArrayList<>();
            for (int i = 0, n = 1 + rnd.nextInt(6); i < n; i++) {
                lits.add(fold(random(rnd, 1 + rnd.nextInt(4), "019af-:Tgk")));
                ids.add(new int[] {i});
            }
            LiteralAutomaton a = new LiteralAutomaton(lits, ids);
            String text = random(rnd, rnd.nextInt(40), "0123456789abcdefABCDEF-:.TZ{}gK\u212A");
            if (a.holdsNoTellingCharacter(text)) {
                assertEquals(new TreeSet<>(), found(a, text), "literals " + lits + " in '" + text + "'");
                passed++;
            }
        }
        assertEquals(true, passed > 200, passed + " texts passed over");
    }

    @Test
    void agreesWithNaiveSearchOnRandomInputs() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<String> lits = new ArrayList<>();
            List<int[]> ids = new ArrayList<>();
            int n = 1 + rnd.nextInt(30);
            for (int i = 0; i < n; i++) {
                lits.add(fold(random(rnd, 1 + rnd.nextInt(5), "abc\u00E4k")));
                ids.add(new int[] {i});
            }
            LiteralAutomaton usual = new LiteralAutomaton(lits, ids);
            LiteralAutomaton rootOnlyDense = new LiteralAutomaton(lits, ids, 0);
            LiteralAutomaton allDense = new LiteralAutomaton(lits, ids, Integer.MAX_VALUE);
            String text = random(rnd, rnd.nextInt(60), "abcABd\u212A\u00C4");
            TreeSet<Integer> expected = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                if (fold(text).contains(lits.get(i))) {
                    expected.add(i);
                }
            }
            assertEquals(expected, found(usual, text), "literals " + lits + " in '" + text + "'");
            TreeSet<Integer> endings = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                if (fold(text).endsWith(lits.get(i))) {
                    endings.add(i);
                }
            }
            for (LiteralAutomaton a : List.of(usual, rootOnlyDense, allDense)) {
                LiteralAutomaton.Found f = new LiteralAutomaton.Found();
                a.endings(text, f);
                TreeSet<Integer> got = new TreeSet<>();
                for (int k = 0; k < f.count(); k++) {
                    got.add(f.id(k));
                }
                assertEquals(endings, got, "literals " + lits + " ending '" + text + "'");
            }
            assertEquals(expected, found(rootOnlyDense, text), "literals " + lits + " in '" + text + "' (only the root dense)");
            assertEquals(expected, found(allDense, text), "literals " + lits + " in '" + text + "' (every state dense)");
        }
    }

    @Test
    void rejectsEmptyLiterals() {
        assertThrows(IllegalArgumentException.class, () -> new LiteralAutomaton(List.of(""), List.of(new int[] {0})));
    }

    private static String fold(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            sb.append(Literals.fold(s.charAt(i)));
        }
        return sb.toString();
    }

    private static String random(Random rnd, int len, String alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
