package org.dotlink.sigma.match.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Where a search may start: right for the patterns it was made for, and never a match lost. */
class RegexLeadTest {

    private static RegexLead lead(String pattern) throws Exception {
        return RegexLead.of(RegexParser.parse(pattern, false, false, false));
    }

    @Test
    void aSearchStartsAheadOfTheFirstLiteralEveryMatchHolds() throws Exception {
        String script = "x".repeat(500) + " $PSHome[4]+$PSHome[30]";
        assertEquals(501, lead("\\$PSHome\\[\\s*\\d{1,3}\\s*\\]\\s*\\+\\s*\\$PSHome\\[").start(script));
        // \w+ counts as one \w ahead of the backtick, which may be two UTF-16 units in the text
        assertEquals(498, lead("\\w+`(\\w+|-|.)`[\\w+|\\s]").start("x".repeat(500) + "`e`x"));
        // any of several patterns: the first literal of any of them (the first run of literals of each: cmd, and
        // a up to 3 characters after the beginning), the furthest distance ahead (3 characters, 6 UTF-16 units)
        RegexLead either = lead("(?:cmd.{0,5}/c)|(?:x{1,3}ab{0,3}rundll32)");
        assertEquals(103, either.start("y".repeat(100) + "rundll32 cmd"), "cmd at 109");
        assertEquals(95, either.start("y".repeat(100) + "xab cmd"), "a at 101");
        assertEquals(0, either.start("yyyyyaxbbbrundll32 cmd"), "a at 5");
        assertEquals(-1, either.start("nothing here"), "no literal: no match");
        // the first run of literals ends with how the next part's matches begin: a quote, then {
        RegexLead placeholders = lead("\"(\\{\\d\\}){2,}\"\\s*-f");
        assertEquals(-1, placeholders.start("say \"hello\" -f x"), "quotes, but no quote followed by {");
        assertEquals(9, placeholders.start("say \"hi\" \"{0}{1}\" -f a,b"));
        // a leading .* adds nothing ahead of the literal
        assertEquals(8, lead(".*powershell").start("abc cmd powershell"));
    }

    @Test
    void noLeadWithoutALiteralAtABoundedDistance() throws Exception {
        assertNull(lead("a|\\d+"), "one choice holds no literal");
        assertNull(lead("[a-z]+\\d"), "a class of 26 letters is no literal");
        assertNull(lead("(ab)?c*"), "matches the empty string");
    }

    /** Long random texts with the pattern's matches late in them: the automaton answers as RE2/J does. */
    @Test
    void searchesStartingAtTheLeadAgreeWithRe2j() {
        Random rnd = new Random(11);
        int compared = agreeWithRe2j(rnd, 20_000, () -> RandomRegex.text(rnd, 120) + RandomRegex.text(rnd, 12));
        assertEquals(true, compared > 10_000, compared + " compared");
    }

    /**
     * A search that comes back to its start state jumps to the next literal every match holds: over long
     * texts, where it comes back and jumps many times, it answers as RE2/J does.
     */
    @Test
    void searchesJumpingFromLiteralToLiteralAgreeWithRe2j() {
        Random rnd = new Random(23);
        int compared = agreeWithRe2j(rnd, 3_000, () -> RandomRegex.text(rnd, 2_000));
        assertEquals(true, compared > 1_500, compared + " compared");
        // SigmaHQ's token obfuscation patterns over a script with many backticks, quotes and dollars that begin
        // no match, then one that does
        LazyDfa tokens = LazyDfa.compile("\\w+`(\\w+|-|.)`[\\w+|\\s]|\"(\\{\\d\\}){2,}\"\\s*-f|(?i)\\$\\{`?e`?n`?v`?:`?p`?a`?t`?h`?\\}",
                false, false, false);
        String script = "$a = \"x\" + `n; $b = \"{0}\" -f 1; ${x} ".repeat(400);
        assertEquals(LazyDfa.NO, tokens.find(script));
        assertEquals(LazyDfa.MATCH, tokens.find(script + "IN`V`o`Ke-eXp`ResSIOn"));
        assertEquals(LazyDfa.MATCH, tokens.find(script + "\"{2}{3}\" -f"));
        assertEquals(LazyDfa.MATCH, tokens.find(script + "${e`Nv:pATh}"));
    }

    /** Random patterns, each searched in one text from {@code texts}: the automaton answers as RE2/J; how many compared. */
    private static int agreeWithRe2j(Random rnd, int patterns, java.util.function.Supplier<String> texts) {
        int compared = 0;
        for (int i = 0; i < patterns; i++) {
            String pattern = RandomRegex.pattern(rnd, 5);
            com.google.re2j.Pattern re2 = RandomRegex.re2(pattern);
            LazyDfa dfa = re2 == null ? null : LazyDfa.compile(pattern, false, false, false);
            if (dfa == null) {
                continue;
            }
            String text = texts.get();
            int found = dfa.find(text);
            if (found != LazyDfa.UNKNOWN) {
                assertEquals(re2.matcher(text).find(), found == LazyDfa.MATCH, () -> "/" + pattern + "/ on \"" + text + "\"");
                compared++;
            }
        }
        return compared;
    }
}
