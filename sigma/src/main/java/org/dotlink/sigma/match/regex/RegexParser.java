package org.dotlink.sigma.match.regex;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the part of RE2's syntax that a finite automaton can run: literals and escapes, classes
 * (with ranges, negation and the Perl classes {@code \d \w \s}), {@code .}, groups (capturing, named,
 * non-capturing), flag groups {@code (?i) (?s) (?m) (?U)}, alternation, every repetition form, and the
 * anchors {@code ^ $ \A \z} first and last in the pattern. Anything else (word boundaries, Unicode
 * classes, {@code \Q...\E}, anchors elsewhere or in multi-line mode, characters beyond the Basic
 * Multilingual Plane) is {@link Unsupported}, and the caller keeps RE2/J for that pattern. The pattern
 * has already been accepted by RE2/J, so errors of syntax are not this parser's concern beyond
 * refusing to guess.
 */
final class RegexParser {

    /** The pattern uses something this parser does not turn into an automaton. */
    static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private static final int[] DIGIT = {'0', '9'};
    private static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
    private static final int[] SPACE = {'\t', '\n', '\f', '\r', ' ', ' '};

    private final String p;
    private int pos;
    private boolean foldCase;
    private boolean dotAll;
    private boolean multiLine;

    private RegexParser(String pattern, boolean foldCase, boolean multiLine, boolean dotAll) {
        this.p = pattern;
        this.foldCase = foldCase;
        this.multiLine = multiLine;
        this.dotAll = dotAll;
    }

    /** The pattern's tree; anchors appear only as the first or last part of a top-level concatenation. */
    static RegexNode parse(String pattern, boolean foldCase, boolean multiLine, boolean dotAll) throws Unsupported {
        RegexParser parser = new RegexParser(pattern, foldCase, multiLine, dotAll);
        RegexNode tree = parser.alternation();
        if (parser.pos != pattern.length()) {
            throw new Unsupported("unexpected ')' at " + parser.pos);
        }
        checkAnchors(tree);
        return tree;
    }

    private RegexNode alternation() throws Unsupported {
        List<RegexNode> choices = new ArrayList<>();
        choices.add(concatenation());
        while (pos < p.length() && p.charAt(pos) == '|') {
            pos++;
            choices.add(concatenation());
        }
        return choices.size() == 1 ? choices.get(0) : new RegexNode.Alternation(choices);
    }

    private RegexNode concatenation() throws Unsupported {
        List<RegexNode> parts = new ArrayList<>();
        while (pos < p.length() && p.charAt(pos) != '|' && p.charAt(pos) != ')') {
            RegexNode atom = atom();
            if (atom != null) {
                parts.add(repetitions(atom));
            } else if (pos < p.length() && ("*+?".indexOf(p.charAt(pos)) >= 0 || (p.charAt(pos) == '{' && countedRange() != null))) {
                // RE2 applies it to whatever came before the flag group; not worth reproducing
                throw new Unsupported("repetition after a flag group at " + pos);
            }
        }
        return parts.isEmpty() ? new RegexNode.Empty() : parts.size() == 1 ? parts.get(0) : new RegexNode.Concat(parts);
    }

    /** One atom, or null for a flag group such as {@code (?i)} that only changes the flags. */
    private RegexNode atom() throws Unsupported {
        char c = p.charAt(pos++);
        switch (c) {
            case '(':
                return group();
            case '[':
                return charClass();
            case '.':
                return new RegexNode.Chars(dotAll ? new int[] {0, CharSetBuilder.MAX_CHAR} : new int[] {0, '\n' - 1, '\n' + 1, CharSetBuilder.MAX_CHAR});
            case '^':
                if (multiLine) {
                    throw new Unsupported("^ in multi-line mode");
                }
                return new RegexNode.BeginText();
            case '$':
                if (multiLine) {
                    throw new Unsupported("$ in multi-line mode");
                }
                return new RegexNode.EndText();
            case '\\':
                return escape();
            case '*':
            case '+':
            case '?':
                throw new Unsupported("repetition without an operand at " + (pos - 1));
            default:
                return literal(c);
        }
    }

    private RegexNode group() throws Unsupported {
        boolean savedFold = foldCase;
        boolean savedDot = dotAll;
        boolean savedMulti = multiLine;
        if (p.startsWith("?P<", pos) || (p.startsWith("?<", pos) && !p.startsWith("?<=", pos) && !p.startsWith("?<!", pos))) {
            int close = p.indexOf('>', pos);
            if (close < 0) {
                throw new Unsupported("unterminated group name");
            }
            pos = close + 1;
        } else if (pos < p.length() && p.charAt(pos) == '?') {
            pos++;
            boolean on = true;
            while (true) {
                if (pos >= p.length()) {
                    throw new Unsupported("unterminated flag group");
                }
                char f = p.charAt(pos++);
                switch (f) {
                    case 'i' -> foldCase = on;
                    case 's' -> dotAll = on;
                    case 'm' -> multiLine = on;
                    case 'U' -> { } // ungreedy: whether there is a match does not depend on it
                    case '-' -> on = false;
                    case ')' -> {
                        return null; // flags for the rest of the enclosing group
                    }
                    case ':' -> {
                        return groupBody(savedFold, savedDot, savedMulti);
                    }
                    default -> throw new Unsupported("group (?" + f);
                }
            }
        }
        return groupBody(savedFold, savedDot, savedMulti);
    }

    private RegexNode groupBody(boolean savedFold, boolean savedDot, boolean savedMulti) throws Unsupported {
        RegexNode body = alternation();
        if (pos >= p.length() || p.charAt(pos) != ')') {
            throw new Unsupported("missing ')'");
        }
        pos++;
        foldCase = savedFold;
        dotAll = savedDot;
        multiLine = savedMulti;
        return body;
    }

    private RegexNode repetitions(RegexNode atom) throws Unsupported {
        while (pos < p.length()) {
            char c = p.charAt(pos);
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = -1;
                pos++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                pos++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (c == '{') {
                int[] range = countedRange();
                if (range == null) {
                    return atom; // a literal '{', read as the next atom
                }
                min = range[0];
                max = range[1];
            } else {
                return atom;
            }
            if (pos < p.length() && p.charAt(pos) == '?') {
                pos++; // non-greedy: the same strings match
            }
            if (atom instanceof RegexNode.BeginText || atom instanceof RegexNode.EndText) {
                throw new Unsupported("repeated anchor");
            }
            atom = new RegexNode.Repeat(atom, min, max);
        }
        return atom;
    }

    /** Reads {@code {n}}, {@code {n,}} or {@code {n,m}} at pos; null (pos unchanged) when it is not one. */
    private int[] countedRange() {
        int i = pos + 1;
        int start = i;
        while (i < p.length() && Character.isDigit(p.charAt(i))) {
            i++;
        }
        if (i == start || i >= p.length()) {
            return null;
        }
        int min = Integer.parseInt(p.substring(start, i));
        int max = min;
        if (p.charAt(i) == ',') {
            i++;
            int s2 = i;
            while (i < p.length() && Character.isDigit(p.charAt(i))) {
                i++;
            }
            max = i == s2 ? -1 : Integer.parseInt(p.substring(s2, i));
        }
        if (i >= p.length() || p.charAt(i) != '}') {
            return null;
        }
        pos = i + 1;
        return new int[] {min, max};
    }

    private RegexNode escape() throws Unsupported {
        if (pos >= p.length()) {
            throw new Unsupported("trailing backslash");
        }
        char c = p.charAt(pos);
        if (c == 'A') {
            pos++;
            return new RegexNode.BeginText();
        }
        if (c == 'z') {
            pos++;
            return new RegexNode.EndText();
        }
        int[] perl = perlClass(c);
        if (perl != null) {
            pos++;
            return new RegexNode.Chars(perl);
        }
        return literal(escapedChar());
    }

    /** The ranges of {@code \d \D \w \W \s \S} (folded when case is ignored, as RE2 does), or null. */
    private int[] perlClass(char c) {
        int[] base = switch (Character.toLowerCase(c)) {
            case 'd' -> DIGIT;
            case 'w' -> WORD;
            case 's' -> SPACE;
            default -> null;
        };
        if (base == null) {
            return null;
        }
        int[] set = foldCase ? CaseFold.fold(base) : base;
        return Character.isUpperCase(c) ? CharSetBuilder.complement(set) : set;
    }

    /** The single character an escape at pos stands for (pos moves past it). */
    private char escapedChar() throws Unsupported {
        char c = p.charAt(pos++);
        switch (c) {
            case 'a':
                return 7;
            case 'f':
                return '\f';
            case 't':
                return '\t';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 'v':
                return 11;
            case 'x':
                return hex();
            default:
                if (c < 128 && !Character.isLetterOrDigit(c)) {
                    return c; // escaped punctuation stands for itself
                }
                throw new Unsupported("escape \\" + c);
        }
    }

    private char hex() throws Unsupported {
        String digits;
        if (pos < p.length() && p.charAt(pos) == '{') {
            int close = p.indexOf('}', pos);
            if (close < 0) {
                throw new Unsupported("unterminated \\x{");
            }
            digits = p.substring(pos + 1, close);
            pos = close + 1;
        } else {
            if (pos + 2 > p.length()) {
                throw new Unsupported("short \\x");
            }
            digits = p.substring(pos, pos + 2);
            pos += 2;
        }
        int v;
        try {
            v = Integer.parseInt(digits, 16);
        } catch (NumberFormatException e) {
            throw new Unsupported("bad \\x" + digits);
        }
        if (v > CharSetBuilder.MAX_CHAR || Character.isSurrogate((char) v)) {
            throw new Unsupported("character beyond the Basic Multilingual Plane");
        }
        return (char) v;
    }

    private RegexNode literal(char c) throws Unsupported {
        if (Character.isSurrogate(c)) {
            throw new Unsupported("character beyond the Basic Multilingual Plane");
        }
        int[] one = {c, c};
        return new RegexNode.Chars(foldCase ? CaseFold.fold(one) : one);
    }

    /** A bracket class; pos is just after '['. */
    private RegexNode charClass() throws Unsupported {
        boolean negated = pos < p.length() && p.charAt(pos) == '^';
        if (negated) {
            pos++;
        }
        CharSetBuilder set = new CharSetBuilder();
        boolean first = true;
        while (true) {
            if (pos >= p.length()) {
                throw new Unsupported("missing ']'");
            }
            char c = p.charAt(pos);
            if (c == ']' && !first) {
                pos++;
                break;
            }
            first = false;
            if (c == '[' && pos + 1 < p.length() && p.charAt(pos + 1) == ':') {
                throw new Unsupported("POSIX class");
            }
            if (c == '\\' && pos + 1 < p.length()) {
                int[] perl = perlClass(p.charAt(pos + 1));
                if (perl != null) {
                    pos += 2;
                    set.addAll(perl);
                    continue;
                }
            }
            char lo = classChar();
            char hi = lo;
            if (pos + 1 < p.length() && p.charAt(pos) == '-' && p.charAt(pos + 1) != ']') {
                pos++;
                hi = classChar();
                if (hi < lo) {
                    throw new Unsupported("bad range");
                }
            }
            set.add(lo, hi);
        }
        int[] ranges = set.ranges();
        if (foldCase) {
            ranges = CaseFold.fold(ranges);
        }
        return new RegexNode.Chars(negated ? CharSetBuilder.complement(ranges) : ranges);
    }

    private char classChar() throws Unsupported {
        char c = p.charAt(pos++);
        if (c == '\\') {
            if (pos >= p.length()) {
                throw new Unsupported("trailing backslash");
            }
            return escapedChar();
        }
        if (Character.isSurrogate(c)) {
            throw new Unsupported("character beyond the Basic Multilingual Plane");
        }
        return c;
    }

    /** Anchors are accepted only first and last in a top-level concatenation (or as the whole pattern). */
    private static void checkAnchors(RegexNode tree) throws Unsupported {
        List<RegexNode> parts = tree instanceof RegexNode.Concat c ? c.parts() : List.of(tree);
        for (int i = 0; i < parts.size(); i++) {
            RegexNode part = parts.get(i);
            boolean allowed = (part instanceof RegexNode.BeginText && i == 0)
                    || (part instanceof RegexNode.EndText && i == parts.size() - 1);
            if (!allowed && containsAnchor(part)) {
                throw new Unsupported("anchor inside the pattern");
            }
        }
    }

    private static boolean containsAnchor(RegexNode n) {
        if (n instanceof RegexNode.BeginText || n instanceof RegexNode.EndText) {
            return true;
        }
        if (n instanceof RegexNode.Concat c) {
            return c.parts().stream().anyMatch(RegexParser::containsAnchor);
        }
        if (n instanceof RegexNode.Alternation a) {
            return a.choices().stream().anyMatch(RegexParser::containsAnchor);
        }
        if (n instanceof RegexNode.Repeat r) {
            return containsAnchor(r.body());
        }
        return false;
    }
}
