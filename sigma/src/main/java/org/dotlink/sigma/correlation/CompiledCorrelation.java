package org.dotlink.sigma.correlation;

import java.util.ArrayList;
import java.util.List;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.RuleInfo;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.rule.CorrelationRule;
import org.dotlink.sigma.rule.CorrelationType;

/**
 * A correlation rule with its references resolved: the detection rules and correlations it reads, and
 * for each of them which field holds each group-by value and the measured value (aliases applied).
 * Made by {@link CorrelationCompiler}; immutable.
 */
public final class CompiledCorrelation {

    /**
     * One referenced rule: a detection rule (whose events are read through its field mappings) or
     * another correlation (whose detections carry their group-by values, the only fields it has).
     *
     * @param rule        the detection rule, or null
     * @param correlation the correlation, or null
     * @param groupFields for each group-by entry, the field to read in this rule's detections
     * @param valueField  the field whose values are measured, or null when the type measures none
     */
    public record Input(CompiledRule rule, CompiledCorrelation correlation, List<String> groupFields,
                        String valueField) {

        public Input {
            groupFields = List.copyOf(groupFields);
        }

        /** Identifies the referenced rule among the inputs: {@code rule:<id>} or {@code correlation:<key>}. */
        public String key() {
            return rule != null ? "rule:" + rule.info().id() : "correlation:" + correlation.key();
        }

        /** The group-by values of a detection of this input ("" for an absent field). */
        List<String> groupValues(Detection d) {
            List<String> out = new ArrayList<>(groupFields.size());
            for (String f : groupFields) {
                String v = read(d, f);
                out.add(v == null ? "" : v);
            }
            return out;
        }

        /** The measured value of a detection of this input, or null when it has none. */
        String value(Detection d) {
            return valueField == null ? null : read(d, valueField);
        }

        private String read(Detection d, String field) {
            if (rule == null) {
                return d.groupBy().get(field);
            }
            Event e = d.event();
            return e == null ? null : e.field(rule.eventField(field, e)).orElse(null);
        }
    }

    private final CorrelationRule rule;
    private final RuleInfo info;
    private final String key;
    private final List<Input> inputs;
    private final List<String> order;
    private final long spanMicros;

    CompiledCorrelation(CorrelationRule rule, String key, List<Input> inputs, List<String> order) {
        this.rule = rule;
        this.info = rule.info();
        this.key = key;
        this.inputs = List.copyOf(inputs);
        this.order = List.copyOf(order);
        this.spanMicros = rule.timespan().toNanos() / 1000;
    }

    public CorrelationRule rule() {
        return rule;
    }

    /** The correlation as its detections name it (one shared instance). */
    public RuleInfo info() {
        return info;
    }

    /** What its state is kept under: its id, else its name, else where it was read. */
    public String key() {
        return key;
    }

    /** The distinct referenced rules, in the order first listed. */
    public List<Input> inputs() {
        return inputs;
    }

    /** The referenced rules as listed ({@link Input#key()}s; one may repeat), the order temporal_ordered asks for. */
    public List<String> order() {
        return order;
    }

    public CorrelationType type() {
        return rule.type();
    }

    /** The timespan in microseconds. */
    public long spanMicros() {
        return spanMicros;
    }

    /**
     * True when the condition can be decided as soon as it holds, over a sliding window: the measure only
     * grows as detections join a window and the condition only has lower bounds. Otherwise consecutive
     * windows are judged when they have ended (see {@link CorrelationEngine}).
     */
    public boolean decidesEarly() {
        return rule.type().growsWithEvents() && rule.condition().lowerBoundsOnly();
    }

    /** The detections of {@code window} (oldest first) that satisfy the condition, or null when it does not hold. */
    List<WindowEntry> satisfied(List<WindowEntry> window) {
        if (window.isEmpty() || !rule.condition().holds(Measures.measure(this, window))) {
            return null;
        }
        if (rule.type() == CorrelationType.TEMPORAL_ORDERED) {
            return new ArrayList<>(window.subList(Measures.orderedStart(order, window), window.size()));
        }
        return new ArrayList<>(window);
    }

    @Override
    public String toString() {
        return "CompiledCorrelation[" + rule.title() + " (" + key + "), " + rule.type().label() + "]";
    }
}
