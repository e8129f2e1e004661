package org.dotlink.stream;

import java.util.ArrayList;
import java.util.List;
import org.dotlink.core.AssetRoles;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.sigma.correlation.CorrelationEngine;
import org.dotlink.sigma.correlation.InMemoryCorrelationState;
import org.dotlink.sigma.hunt.Detector;
import org.dotlink.sigma.hunt.RuleSet;
import org.dotlink.sigma.index.RuleIndex;
import org.dotlink.story.FactExtractor;
import org.dotlink.story.StoryBuilder;

/**
 * What {@code dotlink hunt} computes over a list of events, by the same steps: the {@link Detector} over
 * the events in order, the correlations over the detections they read once the events are done, every
 * event's facts and every finding (correlations' last) into one {@link StoryBuilder}.
 */
final class BatchPath {

    /** The findings in the order hunt writes them, and the stories. */
    record Result(List<Finding> findings, StoryBuilder.Result stories) {}

    private BatchPath() {}

    static Result run(RuleSet rules, List<Event> events) {
        Detector detector = new Detector(new RuleIndex(rules.rules()), AssetRoles.NONE,
                new CorrelationEngine(rules.correlations(), new InMemoryCorrelationState()));
        Detector.Result detected = detector.detect(events);
        List<Finding> findings = new ArrayList<>(detected.findings());
        findings.addAll(detector.correlate(new ArrayList<>(detected.correlationInputs())));
        StoryBuilder stories = new StoryBuilder();
        events.forEach(e -> stories.observe(FactExtractor.of(e)));
        findings.forEach(stories::add);
        return new Result(findings, stories.build());
    }
}
