package org.dotlink.sigma.hunt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dotlink.core.AssetRoles;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.core.IsoTime;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.correlation.CorrelationEngine;
import org.dotlink.sigma.index.RuleIndex;

/**
 * Runs the rule index over a batch of events on a worker thread (each thread has its own matcher), and
 * the correlation rules over the detections they reference once every batch is done. {@link #detect}
 * is thread-safe; {@link #correlate} runs once, on the calling thread. The laptop pipeline uses both; a
 * stream driver uses {@link #detect} and keeps correlation state its own way.
 */
public final class Detector {

    /**
     * What a batch gave.
     *
     * @param findings          findings to report, in event order (and rule order within an event)
     * @param correlationInputs detections of rules that correlations reference, reported or not
     */
    public record Result(List<Finding> findings, List<Detection> correlationInputs) {}

    private final ThreadLocal<RuleIndex.Matcher> matchers;
    private final AssetRoles assets;
    private final CorrelationEngine correlations;

    public Detector(RuleIndex index, AssetRoles assets, CorrelationEngine correlations) {
        this.matchers = ThreadLocal.withInitial(index::matcher);
        this.assets = assets;
        this.correlations = correlations;
    }

    public Result detect(List<Event> events) {
        RuleIndex.Matcher m = matchers.get();
        List<Finding> out = new ArrayList<>();
        List<Detection> inputs = new ArrayList<>();
        List<CompiledRule> hits = new ArrayList<>();
        for (Event e : events) {
            hits.clear();
            m.match(e, hits);
            for (CompiledRule r : hits) {
                Detection d = Detection.of(r.info(), e);
                if (correlations.references(r.info())) {
                    inputs.add(Detection.of(r.info(), compact(e, r)));
                }
                if (correlations.reports(r.info())) {
                    out.add(assets.finding(d));
                }
            }
        }
        return new Result(out, inputs);
    }

    /** The System values every detection needs, kept in a correlation input's event. */
    private static final List<String> KEPT = List.of(org.dotlink.core.FieldNames.EVENT_ID,
            org.dotlink.core.FieldNames.CHANNEL, org.dotlink.core.FieldNames.COMPUTER,
            org.dotlink.core.FieldNames.PROVIDER_NAME, org.dotlink.core.FieldNames.TIME_CREATED,
            org.dotlink.core.FieldNames.EVENT_RECORD_ID);

    /**
     * The event as a correlation input needs it: its System values and the fields the correlations read,
     * no more. Correlation inputs wait until the input ends (they are fed in time order), so keeping whole
     * events would make memory grow with the number of, say, failed logons in the input.
     */
    private Event compact(Event e, CompiledRule r) {
        Event.Builder b = Event.builder(e.source()).offset(e.offset()).recovered(e.recovered());
        java.util.Set<String> names = new java.util.LinkedHashSet<>(KEPT);
        for (String f : correlations.fieldsRead(r.info())) {
            names.add(r.eventField(f, e));
        }
        for (String name : names) {
            Object v = e.raw(name);
            if (v instanceof String s) {
                b.add(name, s);
            } else if (v instanceof String[] many) {
                for (String s : many) {
                    b.add(name, s);
                }
            }
        }
        return b.build();
    }

    /** Feeds the correlation inputs to the engine in event-time order; the findings of the correlations. */
    public List<Finding> correlate(List<Detection> inputs) {
        inputs.sort(Comparator.comparingLong((Detection d) -> IsoTime.toEpochMillis(d.time())));
        List<Finding> out = new ArrayList<>();
        for (Detection d : inputs) {
            correlations.accept(d).forEach(c -> out.add(assets.finding(c)));
        }
        correlations.finish().forEach(c -> out.add(assets.finding(c)));
        return out;
    }
}
