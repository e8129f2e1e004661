package org.dotlink.sigma.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Sigma string value after escape processing: characters plus, per position, whether it is a
 * literal, the multi-character wildcard {@code *} or the single-character wildcard {@code ?}.
 *
 * <p>Escaping (Sigma specification, "Escaping"): a backslash followed by {@code *}, {@code ?} or a
 * backslash yields that character as a literal; any other backslash is itself a literal. So
 * {@code \*} is a plain star, {@code \\*} a backslash then a wildcard, {@code \\\*} a backslash then
 * a plain star, and {@code \\\\} two plain backslashes.
 */
final class SigmaString {

    static final byte LIT = 0;
    static final byte STAR = 1;
    static final byte ONE = 2;

    /** The windash replacements: hyphen-minus, slash, en dash, em dash, horizontal bar. */
    static final String DASHES = "-/\u2013\u2014\u2015";

    /** The characters windash replaces, as pySigma does ({@code \B[-/]\b}). */
    private static final String WINDASH_SOURCES = "-/";

    /** Guard against a value whose windash permutations would explode (5^n). */
    private static final int MAX_WINDASH_POSITIONS = 6;

    final String text;
    final byte[] kinds;

    private SigmaString(String text, byte[] kinds) {
        this.text = text;
        this.kinds = kinds;
    }

    static SigmaString parse(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        byte[] k = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(i + 1);
                if (next == '*' || next == '?' || next == '\\') {
                    sb.append(next);
                    k[n++] = LIT;
                    i++;
                    continue;
                }
            }
            sb.append(c);
            k[n++] = c == '*' ? STAR : c == '?' ? ONE : LIT;
        }
        return new SigmaString(sb.toString(), Arrays.copyOf(k, n));
    }

    static SigmaString literal(String s) {
        return new SigmaString(s, new byte[s.length()]);
    }

    boolean isPlain() {
        for (byte b : kinds) {
            if (b != LIT) {
                return false;
            }
        }
        return true;
    }

    boolean startsWithStar() {
        return kinds.length > 0 && kinds[0] == STAR;
    }

    boolean endsWithStar() {
        return kinds.length > 0 && kinds[kinds.length - 1] == STAR;
    }

    SigmaString withStars(boolean before, boolean after) {
        boolean b = before && !startsWithStar();
        boolean a = after && !endsWithStar();
        if (!a && !b) {
            return this;
        }
        byte[] k = new byte[kinds.length + (a ? 1 : 0) + (b ? 1 : 0)];
        System.arraycopy(kinds, 0, k, b ? 1 : 0, kinds.length);
        if (b) {
            k[0] = STAR;
        }
        if (a) {
            k[k.length - 1] = STAR;
        }
        return new SigmaString((b ? "*" : "") + text + (a ? "*" : ""), k);
    }

    /**
     * All permutations of the windash characters, as pySigma does: a literal {@code -} or {@code /}
     * that starts a word-like flag (not preceded by a word character, followed by a literal word
     * character, i.e. the regex {@code \B[-/]\b}) is replaced by each of {@link #DASHES}, every
     * such position independently (5^n variants).
     */
    List<SigmaString> windash() {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == LIT && WINDASH_SOURCES.indexOf(text.charAt(i)) >= 0
                    && !wordAt(i - 1) && wordAt(i + 1)) {
                positions.add(i);
            }
        }
        if (positions.isEmpty()) {
            return List.of(this);
        }
        if (positions.size() > MAX_WINDASH_POSITIONS) {
            throw new MatchCompileException("windash: too many dash positions (" + positions.size()
                    + ", at most " + MAX_WINDASH_POSITIONS + ") in '" + text + "'");
        }
        List<SigmaString> out = new ArrayList<>();
        int total = 1;
        for (int i = 0; i < positions.size(); i++) {
            total *= DASHES.length();
        }
        char[] chars = text.toCharArray();
        for (int combo = 0; combo < total; combo++) {
            int c = combo;
            for (int p : positions) {
                chars[p] = DASHES.charAt(c % DASHES.length());
                c /= DASHES.length();
            }
            out.add(new SigmaString(new String(chars), kinds));
        }
        return out;
    }

    private boolean wordAt(int i) {
        if (i < 0 || i >= kinds.length || kinds[i] != LIT) {
            return false;
        }
        char c = text.charAt(i);
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /** For a pattern {@code *literal} (no other wildcard), the literal; null for any other pattern. */
    String endingLiteral() {
        int n = kinds.length;
        if (n < 2 || kinds[0] != STAR) {
            return null;
        }
        for (int i = 1; i < n; i++) {
            if (kinds[i] != LIT) {
                return null;
            }
        }
        return text.substring(1);
    }

    /** For a pattern {@code *literal*} (no other wildcard), the literal; null for any other pattern. */
    String containedLiteral() {
        int n = kinds.length;
        if (n < 3 || kinds[0] != STAR || kinds[n - 1] != STAR) {
            return null;
        }
        for (int i = 1; i < n - 1; i++) {
            if (kinds[i] != LIT) {
                return null;
            }
        }
        return text.substring(1, n - 1);
    }

    /** The longest run of literal characters, folded ({@link Literals#fold}); "" when there is none. */
    String longestLiteral() {
        int best = 0;
        int bestAt = 0;
        int run = 0;
        for (int i = 0; i < kinds.length; i++) {
            run = kinds[i] == LIT ? run + 1 : 0;
            if (run > best) {
                best = run;
                bestAt = i + 1 - run;
            }
        }
        return Literals.fold(text.substring(bestAt, bestAt + best));
    }

    /** Compiles to the cheapest test that implements this pattern. */
    StringTest compile(boolean cased) {
        int stars = 0;
        int ones = 0;
        for (byte b : kinds) {
            if (b == STAR) {
                stars++;
            } else if (b == ONE) {
                ones++;
            }
        }
        if (ones == 0) {
            if (stars == 0) {
                return cased ? new Equals(text) : new EqualsIgnoreCase(text);
            }
            if (stars == kinds.length) {
                return v -> true;
            }
            int n = kinds.length;
            boolean lead = kinds[0] == STAR;
            boolean trail = kinds[n - 1] == STAR;
            int innerStars = stars - (lead ? 1 : 0) - (trail ? 1 : 0);
            if (innerStars == 0) {
                String lit = text.substring(lead ? 1 : 0, trail ? n - 1 : n);
                if (lead && trail) {
                    return new Contains(lit, cased);
                }
                if (trail) {
                    return new StartsWith(lit, cased);
                }
                return new EndsWith(lit, cased);
            }
        }
        return new Glob(text, kinds, cased);
    }

    @Override
    public String toString() {
        return text;
    }

    /** One test of one event value. */
    interface StringTest {
        boolean test(String v);
    }

    private record Equals(String lit) implements StringTest {
        public boolean test(String v) {
            return v.equals(lit);
        }
    }

    private record EqualsIgnoreCase(String lit) implements StringTest {
        public boolean test(String v) {
            return v.equalsIgnoreCase(lit);
        }
    }

    private record StartsWith(String lit, boolean cased) implements StringTest {
        public boolean test(String v) {
            return v.regionMatches(!cased, 0, lit, 0, lit.length());
        }
    }

    private record EndsWith(String lit, boolean cased) implements StringTest {
        public boolean test(String v) {
            int at = v.length() - lit.length();
            return at >= 0 && v.regionMatches(!cased, at, lit, 0, lit.length());
        }
    }

    private static final class Contains implements StringTest {
        private final String lit;
        private final boolean cased;
        private final char[] folded;

        Contains(String lit, boolean cased) {
            this.lit = lit;
            this.cased = cased;
            this.folded = Literals.fold(lit).toCharArray();
        }

        /** Folded comparison ({@link Literals#indexOf}). */
        public boolean test(String v) {
            return cased ? v.contains(lit) : Literals.indexOf(v, folded) >= 0;
        }
    }

    /** General wildcard match, linear backtracking to the last star only: O(n*m), never exponential. */
    private static final class Glob implements StringTest {
        private final char[] p;
        private final byte[] k;
        private final boolean cased;

        Glob(String text, byte[] kinds, boolean cased) {
            // collapse runs of stars
            StringBuilder sb = new StringBuilder();
            byte[] kk = new byte[kinds.length];
            int n = 0;
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i] == STAR && n > 0 && kk[n - 1] == STAR) {
                    continue;
                }
                sb.append(text.charAt(i));
                kk[n++] = kinds[i];
            }
            this.p = sb.toString().toCharArray();
            this.k = Arrays.copyOf(kk, n);
            this.cased = cased;
        }

        public boolean test(String v) {
            int m = p.length;
            int n = v.length();
            int pi = 0;
            int si = 0;
            int starP = -1;
            int starS = 0;
            while (si < n) {
                if (pi < m && k[pi] != STAR && (k[pi] == ONE || same(p[pi], v.charAt(si)))) {
                    pi++;
                    si++;
                } else if (pi < m && k[pi] == STAR) {
                    starP = pi++;
                    starS = si;
                } else if (starP >= 0) {
                    pi = starP + 1;
                    si = ++starS;
                } else {
                    return false;
                }
            }
            while (pi < m && k[pi] == STAR) {
                pi++;
            }
            return pi == m;
        }

        private boolean same(char a, char b) {
            return cased ? a == b : Literals.fold(a) == Literals.fold(b);
        }
    }
}
