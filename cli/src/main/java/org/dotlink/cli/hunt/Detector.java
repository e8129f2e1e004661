package org.dotlink.cli.hunt;

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
 * is thread-safe; {@link #correlate} runs once, on the calling thread.
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
                    inputs.add(d);
                }
                if (correlations.reports(r.info())) {
                    out.add(assets.finding(d));
                }
            }
        }
        return new Result(out, inputs);
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
