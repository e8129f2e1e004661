package org.dotlink.sigma.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Literals a regular expression's every match must contain, for prefiltering: for each top-level
 * alternative, the longest run of literal characters outside groups and character classes that no
 * quantifier makes optional. Conservative: anything it does not understand gives no literal (null),
 * which only costs speed, never a missed match. Case is ignored, as the prefilter folds case.
 */
final class RegexLiterals {

    private static final String CLASS_ESCAPES = "dDwWsSbBAzZpPkxuGgQE0123456789";

    private RegexLiterals() {}

    /** One literal per top-level alternative (any of them may be the one present), or null when unknown. */
    static List<String> required(String pattern) {
        List<String> alternatives = splitTopLevel(pattern);
        if (alternatives == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String alt : alternatives) {
            String lit = longestRun(alt);
            if (lit == null || lit.isEmpty()) {
                return null;
            }
            out.add(Literals.fold(lit));
        }
        return out;
    }

    /** The pattern cut at top-level {@code |}; null when brackets do not balance. */
    private static List<String> splitTopLevel(String p) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(p, i);
                if (i < 0) {
                    return null;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    return null;
                }
            } else if (c == '|' && depth == 0) {
                out.add(p.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            return null;
        }
        out.add(p.substring(start));
        return out;
    }

    /** The longest required literal run of one alternative without top-level {@code |}; null when unknown. */
    private static String longestRun(String p) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            Character literal = null;
            int next = i + 1;
            if (c == '\\') {
                if (i + 1 >= p.length()) {
                    return null;
                }
                char e = p.charAt(i + 1);
                next = i + 2;
                if (e == 'Q' || e == 'E') {
                    return null;
                }
                literal = escaped(e);
            } else if (c == '[') {
                int end = classEnd(p, i);
                if (end < 0) {
                    return null;
                }
                next = end + 1;
            } else if (c == '(' && flagGroupEnd(p, i) > 0) {
                // (?i), (?-s): zero-width; a quantifier after it would apply to what came before
                int end = flagGroupEnd(p, i);
                if (quantifier(p, end) != NONE) {
                    return null;
                }
                i = end;
                continue;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (".^$|".indexOf(c) < 0 && quantifier(p, i) == NONE) {
                literal = c;
            }
            int q = quantifier(p, next);
            int after = skipQuantifier(p, next);
            if (q != NONE && quantifier(p, after) != NONE) {
                return null; // a quantified quantifier: too clever to reason about here
            }
            if (depth != 0 || c == '(' || c == ')' || literal == null) {
                // not a literal at top level (a group, a class, an anchor, a class escape, a stray quantifier)
                best = longer(best, run);
                run.setLength(0);
            } else if (q == OPTIONAL) {
                best = longer(best, run);
                run.setLength(0);
            } else if (q == REPEATED) {
                run.append(literal);
                best = longer(best, run);
                run.setLength(0);
            } else {
                run.append(literal);
            }
            i = after;
        }
        return longer(best, run);
    }

    /** The character an escape stands for, or null for a class or an assertion ({@code \\d}, {@code \\b}, ...). */
    private static Character escaped(char e) {
        return switch (e) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'f' -> '\f';
            case 'v' -> '\u000b';
            case 'a' -> '\u0007';
            case 'e' -> '\u001b';
            default -> CLASS_ESCAPES.indexOf(e) < 0 && !Character.isLetterOrDigit(e) ? e : null;
        };
    }

    /** For a flag group {@code (?ims-x)} at {@code open}, the index after its {@code )}; else -1. */
    private static int flagGroupEnd(String p, int open) {
        if (open + 2 >= p.length() || p.charAt(open + 1) != '?') {
            return -1;
        }
        int j = open + 2;
        while (j < p.length() && (Character.isLetter(p.charAt(j)) || p.charAt(j) == '-')) {
            j++;
        }
        return j > open + 2 && j < p.length() && p.charAt(j) == ')' ? j + 1 : -1;
    }

    /** The index after the quantifier at {@code i} (with a lazy or possessive suffix), or {@code i} when none. */
    private static int skipQuantifier(String p, int i) {
        if (quantifier(p, i) == NONE) {
            return i;
        }
        int j = i;
        if (p.charAt(j) == '{') {
            j = p.indexOf('}', j) + 1;
        } else {
            j++;
        }
        if (j < p.length() && (p.charAt(j) == '?' || p.charAt(j) == '+')) {
            j++;
        }
        return j;
    }

    private static final int NONE = 0;
    private static final int OPTIONAL = 1;
    private static final int REPEATED = 2;

    /** What the quantifier at {@code i} (if any) does to the atom before it. */
    private static int quantifier(String p, int i) {
        if (i >= p.length()) {
            return NONE;
        }
        char c = p.charAt(i);
        if (c == '?' || c == '*') {
            return OPTIONAL;
        }
        if (c == '+') {
            return REPEATED;
        }
        if (c == '{') {
            int j = i + 1;
            while (j < p.length() && Character.isDigit(p.charAt(j))) {
                j++;
            }
            if (j == i + 1 || j >= p.length() || (p.charAt(j) != ',' && p.charAt(j) != '}') || p.indexOf('}', j) < 0) {
                return NONE; // not a quantifier: a literal brace
            }
            return Integer.parseInt(p.substring(i + 1, j)) == 0 ? OPTIONAL : REPEATED;
        }
        return NONE;
    }

    /** The index of the {@code ]} closing the class opened at {@code open}, or -1. */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    private static String longer(String best, CharSequence run) {
        return run.length() > best.length() ? run.toString() : best;
    }
}
