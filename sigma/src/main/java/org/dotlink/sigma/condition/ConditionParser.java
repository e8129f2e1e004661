package org.dotlink.sigma.condition;

import java.util.ArrayList;
import java.util.List;
import org.dotlink.sigma.condition.Condition.And;
import org.dotlink.sigma.condition.Condition.Not;
import org.dotlink.sigma.condition.Condition.Of;
import org.dotlink.sigma.condition.Condition.Or;
import org.dotlink.sigma.condition.Condition.Ref;

/**
 * Parses a Sigma condition. Grammar (Sigma 2.1), {@code not} binding tighter than {@code and}, which
 * binds tighter than {@code or}; keywords in any case:
 * <pre>
 * or      := and ("or" and)*
 * and     := unary ("and" unary)*
 * unary   := "not" unary | primary
 * primary := "(" or ")" | quant "of" target | identifier
 * quant   := integer | "all" | "any"        ("any" is "1")
 * target  := "them" | identifier-pattern    (wildcards * and ?)
 * </pre>
 */
public final class ConditionParser {

    private final String text;
    private final List<Token> tokens;
    private int at;

    private record Token(String text, int position) {
        boolean is(String keyword) {
            return text.equalsIgnoreCase(keyword);
        }
    }

    private ConditionParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /** Parses {@code condition}; patterns stay unexpanded until {@link Condition#resolve}. */
    public static Condition parse(String condition) {
        ConditionParser p = new ConditionParser(condition);
        Condition c = p.or();
        if (p.at < p.tokens.size()) {
            if (p.peekIs("|")) {
                throw p.aggregation();
            }
            throw p.error("'and', 'or' or the end of the condition");
        }
        return c;
    }

    private Condition or() {
        List<Condition> parts = new ArrayList<>();
        parts.add(and());
        while (peekIs("or")) {
            at++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Or(parts);
    }

    private Condition and() {
        List<Condition> parts = new ArrayList<>();
        parts.add(unary());
        while (peekIs("and")) {
            at++;
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.get(0) : new And(parts);
    }

    private Condition unary() {
        if (peekIs("not")) {
            at++;
            return new Not(unary());
        }
        return primary();
    }

    private Condition primary() {
        Token t = peek();
        if (t == null) {
            throw error("a search identifier, '(', 'not' or 'N of'");
        }
        if (t.text().equals("(")) {
            at++;
            Condition inner = or();
            if (!peekIs(")")) {
                throw error("')' closing the '(' at position " + (t.position() + 1));
            }
            at++;
            return inner;
        }
        if (t.text().equals("|")) {
            throw aggregation();
        }
        Integer count = quantifier(t);
        if (count != null && tokens.size() > at + 1 && tokens.get(at + 1).is("of")) {
            at += 2;
            Token target = peek();
            if (target == null || isKeyword(target) && !target.is("them") || isPunctuation(target)) {
                throw error("'them' or a search identifier pattern after 'of'");
            }
            at++;
            return new Of(count, target.is("them") ? null : target.text());
        }
        if (isKeyword(t) || isPunctuation(t)) {
            throw error("a search identifier, '(', 'not' or 'N of'");
        }
        at++;
        if (t.text().indexOf('*') >= 0 || t.text().indexOf('?') >= 0) {
            throw new ConditionException("condition '" + text + "': '" + t.text() + "' at position " + (t.position() + 1)
                    + " is a pattern; patterns are written as '1 of " + t.text() + "' or 'all of " + t.text() + "'");
        }
        return new Ref(t.text());
    }

    /** The count of a quantifier token ({@link Of#ALL} for "all"), or null when it is not one. */
    private static Integer quantifier(Token t) {
        if (t.is("all")) {
            return Of.ALL;
        }
        if (t.is("any")) {
            return 1;
        }
        if (t.text().chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(t.text());
            return n > 0 ? n : null;
        }
        return null;
    }

    private static boolean isKeyword(Token t) {
        return t.is("and") || t.is("or") || t.is("not") || t.is("of") || t.is("them") || t.is("all") || t.is("any");
    }

    private static boolean isPunctuation(Token t) {
        return t.text().equals("(") || t.text().equals(")") || t.text().equals("|");
    }

    private Token peek() {
        return at < tokens.size() ? tokens.get(at) : null;
    }

    private boolean peekIs(String keyword) {
        Token t = peek();
        return t != null && t.is(keyword);
    }

    private ConditionException aggregation() {
        return new ConditionException("condition '" + text + "': aggregation expressions ('| count() ...') were"
                + " removed in Sigma 2; write a correlation rule instead");
    }

    private ConditionException error(String expected) {
        Token t = peek();
        String found = t == null ? "the end" : "'" + t.text() + "' at position " + (t.position() + 1);
        return new ConditionException("condition '" + text + "': expected " + expected + ", found " + found);
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '|') {
                out.add(new Token(String.valueOf(c), i));
                i++;
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()|".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(s.substring(start, i), start));
            }
        }
        return out;
    }
}
