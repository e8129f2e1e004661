package org.dotlink.sigma.rule;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A correlation's {@code condition}: one or more bounds that the measured value must all meet
 * ({@code gt: 100} and {@code lte: 200} is a range), and for the {@code value_*} types the field
 * measured and, for {@code value_percentile}, which percentile.
 *
 * @param percentile for {@code value_percentile}, 0 to 100; else empty
 */
public record CorrelationCondition(List<Bound> bounds, Optional<String> field, Optional<Double> percentile) {

    /** A comparison operator of a correlation condition. */
    public enum Operator {
        GT, GTE, LT, LTE, EQ, NEQ;

        /** The operator as Sigma writes it ({@code gte}). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean test(double measured, double value) {
            return switch (this) {
                case GT -> measured > value;
                case GTE -> measured >= value;
                case LT -> measured < value;
                case LTE -> measured <= value;
                case EQ -> measured == value;
                case NEQ -> measured != value;
            };
        }
    }

    /** One comparison: the measured value {@code op} {@code value}. */
    public record Bound(Operator op, double value) {
        @Override
        public String toString() {
            return op.label() + " " + (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value));
        }
    }

    public CorrelationCondition {
        bounds = List.copyOf(bounds);
    }

    /** True when the measured value meets every bound. */
    public boolean holds(double measured) {
        for (Bound b : bounds) {
            if (!b.op().test(measured, b.value())) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when every bound is {@code gt} or {@code gte}: once met by a growing measure it stays met, so
     * the condition can be decided as soon as it holds rather than when the window ends.
     */
    public boolean lowerBoundsOnly() {
        return bounds.stream().allMatch(b -> b.op() == Operator.GT || b.op() == Operator.GTE);
    }
}
