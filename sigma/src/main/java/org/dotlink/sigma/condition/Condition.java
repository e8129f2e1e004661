package org.dotlink.sigma.condition;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A rule's {@code condition}, parsed (Sigma 2.1: {@code and}, {@code or}, {@code not}, parentheses,
 * {@code 1 of}/{@code any of}/{@code all of} a pattern or {@code them}). Patterns are expanded against
 * the rule's search identifiers by {@link #resolve}, so the compiled form only holds references.
 */
public sealed interface Condition {

    /** A search identifier of the rule's detection ({@code selection}, {@code filter_main_*} expanded). */
    record Ref(String name) implements Condition {
        public Ref {
            Objects.requireNonNull(name, "name");
        }
    }

    record Not(Condition inner) implements Condition {}

    record And(List<Condition> parts) implements Condition {
        public And {
            parts = List.copyOf(parts);
        }
    }

    record Or(List<Condition> parts) implements Condition {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    /**
     * {@code N of pattern}, {@code all of pattern}; {@code pattern} is null for {@code them}. A count of
     * {@link #ALL} means every identifier the pattern names.
     */
    record Of(int count, String pattern) implements Condition {
        public static final int ALL = -1;

        public Of {
            if (count != ALL && count < 1) {
                throw new IllegalArgumentException("count must be positive or ALL: " + count);
            }
        }
    }

    /** At least {@code count} of {@code parts} hold; what {@link Of} becomes once its pattern is expanded. */
    record AtLeast(int count, List<Condition> parts) implements Condition {
        public AtLeast {
            parts = List.copyOf(parts);
        }
    }

    /**
     * This condition with every {@link Of} expanded against {@code identifiers} (in the rule's order):
     * {@code all of x*} becomes an {@link And} of the matching references, {@code 1 of x*} an {@link Or},
     * {@code N of x*} an {@link AtLeast}. {@code them} means every identifier.
     *
     * @throws ConditionException when a reference or pattern names no identifier of the rule
     */
    default Condition resolve(List<String> identifiers) {
        return Resolver.resolve(this, identifiers);
    }

    /** Evaluates the condition; {@code selected} answers whether a search identifier matched. */
    default boolean evaluate(Predicate<String> selected) {
        if (this instanceof Ref r) {
            return selected.test(r.name());
        }
        if (this instanceof Not n) {
            return !n.inner().evaluate(selected);
        }
        if (this instanceof And a) {
            for (Condition c : a.parts()) {
                if (!c.evaluate(selected)) {
                    return false;
                }
            }
            return true;
        }
        if (this instanceof Or o) {
            for (Condition c : o.parts()) {
                if (c.evaluate(selected)) {
                    return true;
                }
            }
            return false;
        }
        if (this instanceof AtLeast l) {
            int hits = 0;
            for (Condition c : l.parts()) {
                if (c.evaluate(selected) && ++hits >= l.count()) {
                    return true;
                }
            }
            return false;
        }
        throw new IllegalStateException("resolve the condition before evaluating it: " + this);
    }
}
