package org.dotlink.sigma.rule;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of Sigma correlation ({@code correlation.type}), with what each one measures over a window. */
public enum CorrelationType {
    /** The number of events. */
    EVENT_COUNT,
    /** The number of distinct values of {@code condition.field} (ignoring case, as Sigma compares strings). */
    VALUE_COUNT,
    /** The number of distinct referenced rules seen. */
    TEMPORAL,
    /** How many of the referenced rules were seen in the order listed (the longest such prefix). */
    TEMPORAL_ORDERED,
    /** The sum of {@code condition.field}'s numeric values. */
    VALUE_SUM,
    /** The mean of {@code condition.field}'s numeric values. */
    VALUE_AVG,
    /** The {@code condition.percentile}-th percentile of {@code condition.field}'s numeric values. */
    VALUE_PERCENTILE;

    /** The type as Sigma writes it ({@code event_count}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the types that measure the values of a field ({@code value_*}), which need {@code condition.field}. */
    public boolean needsField() {
        return this != EVENT_COUNT && this != TEMPORAL && this != TEMPORAL_ORDERED;
    }

    /** True for the types that need numeric field values. */
    public boolean numeric() {
        return this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
    }

    /**
     * True for the types whose measure can only grow as events join a window (for {@code value_sum}, on the
     * understanding that the values summed, bytes or counts, are not negative).
     */
    public boolean growsWithEvents() {
        return this != VALUE_AVG && this != VALUE_PERCENTILE;
    }

    /** The type Sigma writes as {@code label}, if it is one. */
    public static Optional<CorrelationType> parse(String label) {
        return Arrays.stream(values()).filter(t -> t.label().equals(label)).findFirst();
    }
}
