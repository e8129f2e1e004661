package org.dotlink.sigma.match.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dotlink.core.Event;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.evtx.EvtxReader;
import org.dotlink.sigma.SigmaHq;
import org.dotlink.sigma.rule.DetectionItem;
import org.dotlink.sigma.rule.SearchIdentifier;
import org.dotlink.sigma.rule.SigmaRule;
import org.junit.jupiter.api.Test;

/** The automaton answers exactly what RE2/J answers, or leaves the text to it. */
class LazyDfaTest {

    private static void agrees(String pattern, int flags, String text) {
        LazyDfa dfa = LazyDfa.compile(pattern, (flags & Pattern.CASE_INSENSITIVE) != 0,
                (flags & Pattern.MULTILINE) != 0, (flags & Pattern.DOTALL) != 0);
        assertNotNull(dfa, () -> "not run by the automaton: " + pattern);
        boolean expected = Pattern.compile(pattern, flags).matcher(text).find();
        int found = dfa.find(text);
        if (found != LazyDfa.UNKNOWN) {
            assertEquals(expected, found == LazyDfa.MATCH, () -> "/" + pattern + "/ on \"" + text + "\"");
        }
    }

    @Test
    void matchesWhatRe2jMatches() {
        String[] texts = {"", "a", "abc", "ABC", "xabcx", "net  user bob", "NET user", "a\nb", "a\n", "\n",
            "C:\\Windows\\System32\\cmd.exe", "cmd.exe /c powershell -noexit \"x\"", "aaaaaaaaaab", "0123456789abcdef",
            "kelvin \u212A", "long \u017F s", "tab\there", "{0}{1}{2}\"  -f", "x-y_z", "]", "a{2", "ÄÖÜäöü"};
        String[] patterns = {"abc", "^abc", "abc$", "^abc$", "a.c", "a.b", "(?s)a.b", "a\\nb", "net\\s+user", "a+b",
            "a*", "^$", "x?abc", "(abc|xyz)", "(?:ab|cd)+", "a{2,}b", "a{3}", "a{2,4}b", "[a-c]+x", "[^a-c]",
            "[\\w-]+", "\\d{3,}", "\\S+\\s\\S+", "(?i)NET user", "(?i)k", "(?i)s", "(?i)[a-z]+", "(?i)[^a-z]",
            "\\\\Windows\\\\System32\\\\[a-z]+\\.exe$", "cmd.{0,5}(?:/c|/r).+powershell.+(?:\\$?\\{?input\\}?|noexit).+\"",
            "\"(\\{\\d\\}){2,}\"\\s*-f", "a{", "a{2", "[]a]", "[a-]", "\\x41", "\\x{41}", "(?P<n>ab)c", "(?<n>ab)c",
            "a(?i)bc", "(?i:A)bc", "\\t", "[\\]]", "\\.", "x|", "(|a)b", "ä", "(?i)ä", "\\W+", "(?i)\\W"};
        for (String p : patterns) {
            for (String t : texts) {
                agrees(p, 0, t);
                agrees(p, Pattern.CASE_INSENSITIVE, t);
                agrees(p, Pattern.DOTALL, t);
            }
        }
    }

    /** A text shorter than the fewest characters a match holds has none; one of exactly that length may. */
    @Test
    void textsShorterThanAnyMatchHaveNone() {
        String[][] cases = {
            {"\\s[a-f0-9]{4}\\s[a-f0-9]{2}", " abcd ef", " abcd e"},
            {"x|abc", "x", ""},
            {"(ab){2,}c?", "abab", "aba"},
            {"^a.{3}$", "abcd", "abc"},
            {"(a|bc)(d|ef)", "ad", "a"},
        };
        for (String[] c : cases) {
            LazyDfa dfa = LazyDfa.compile(c[0], false, false, false);
            assertEquals(LazyDfa.MATCH, dfa.find(c[1]), c[0] + " on " + c[1]);
            assertEquals(LazyDfa.NO, dfa.find(c[2]), c[0] + " on " + c[2]);
        }
        assertEquals(LazyDfa.MATCH, LazyDfa.compile("x*", false, false, false).find(""));
    }

    @Test
    void leavesToRe2jWhatItDoesNotRun() {
        for (String p : new String[] {"\\bword\\b", "a^b", "(^a|b)", "a$b", "\\pL", "\\Qa.b\\E", "(?m)^a", "a\\B"}) {
            assertNull(LazyDfa.compile(p, false, false, false), p);
        }
        assertNull(LazyDfa.compile("^a", false, true, false), "^ in multi-line mode");
        // a text with surrogates: RE2 counts a code point where the automaton sees two units
        LazyDfa dot = LazyDfa.compile("^.$", false, false, false);
        assertEquals(LazyDfa.UNKNOWN, dot.find("\uD83D\uDE00"));
    }

    @Test
    void staysLinearOnPatternsThatBlowUpASubsetAutomaton() {
        // unanchored counted repetitions make a new state at almost every character; the cache starts over
        String pattern = "(a|b)*a(a|b){12}c";
        LazyDfa dfa = LazyDfa.compile(pattern, false, false, false);
        StringBuilder text = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 200_000; i++) {
            text.append(r.nextBoolean() ? 'a' : 'b');
        }
        assertEquals(LazyDfa.NO, dfa.find(text.toString()));
        text.append("aaaaaaaaaaaaac");
        assertEquals(LazyDfa.MATCH, dfa.find(text.toString()));
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> atom = Arbitraries.of("a", "b", "A", ".", "\\d", "\\w", "\\s", "[ab]", "[^a]", "[a-c]",
                "-", "\\.", "(a|b)", "(?:ab)", "x", "\\n");
        Arbitrary<String> quant = Arbitraries.of("", "", "", "*", "+", "?", "{2}", "{1,3}", "{2,}", "*?");
        Arbitrary<String> piece = Combinators.combine(atom, quant).as(String::concat);
        Arbitrary<String> seq = piece.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("", l));
        Arbitrary<String> alt = seq.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("|", l));
        return Combinators.combine(Arbitraries.of("", "^", "(?i)", "(?s)"), alt, Arbitraries.of("", "$"))
                .as((a, b, c) -> a + "(?:" + b + ")" + c);
    }

    @Property(tries = 3000)
    void randomPatternsAgreeWithRe2j(@ForAll("patterns") String pattern,
                                     @ForAll("texts") String text) {
        agrees(pattern, 0, text);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abABcx-.1 \n_").ofMaxLength(24);
    }

    /**
     * Every regular expression of SigmaHQ's rules that the automaton runs, over the distinct values of
     * every field of the shared EVTX samples: the same answer as RE2/J on each.
     */
    @Test
    void sigmaHqRegexesAgreeWithRe2jOnRealValues() throws Exception {
        Map<String, Integer> regexes = new LinkedHashMap<>();
        for (SigmaRule rule : SigmaHq.allRules().rules()) {
            for (SearchIdentifier id : rule.detection()) {
                for (List<DetectionItem> group : id.groups()) {
                    for (DetectionItem item : group) {
                        if (item.modifiers().contains("re")) {
                            int flags = (item.modifiers().contains("i") ? Pattern.CASE_INSENSITIVE : 0)
                                    | (item.modifiers().contains("m") ? Pattern.MULTILINE : 0)
                                    | (item.modifiers().contains("s") ? Pattern.DOTALL : 0);
                            for (Object v : item.values()) {
                                if (v != null) {
                                    regexes.put(v.toString(), flags);
                                }
                            }
                        }
                    }
                }
            }
        }
        Set<String> values = new LinkedHashSet<>();
        try (Stream<Path> walk = Files.walk(SigmaHq.dir().getParent().resolve("evtx-attack-samples"))) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".evtx")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    for (EventBatch b : EvtxReader.readAll(in, p.toString())) {
                        for (Event e : b.events()) {
                            for (int i = 0; i < e.fieldCount(); i++) {
                                if (e.fieldValue(i) instanceof String s) {
                                    values.add(s);
                                }
                            }
                        }
                    }
                }
            }
        }
        int run = 0;
        long compared = 0;
        List<String> left = new ArrayList<>();
        for (var r : regexes.entrySet()) {
            Pattern re2 = Pattern.compile(r.getKey(), r.getValue());
            LazyDfa dfa = LazyDfa.compile(r.getKey(), (r.getValue() & Pattern.CASE_INSENSITIVE) != 0,
                    (r.getValue() & Pattern.MULTILINE) != 0, (r.getValue() & Pattern.DOTALL) != 0);
            if (dfa == null) {
                left.add(r.getKey());
                continue;
            }
            run++;
            for (String v : values) {
                int found = dfa.find(v);
                if (found != LazyDfa.UNKNOWN) {
                    assertEquals(re2.matcher(v).find(), found == LazyDfa.MATCH, () -> "/" + r.getKey() + "/ on " + v);
                    compared++;
                }
            }
        }
        System.out.printf("%d SigmaHQ regexes: %d run by the automaton (%d comparisons over %d distinct values), "
                + "%d left to RE2/J%n", regexes.size(), run, compared, values.size(), left.size());
        assertTrue(run > 0.9 * regexes.size(), "the automaton should run nearly all of SigmaHQ's regexes: left " + left);
    }
}
