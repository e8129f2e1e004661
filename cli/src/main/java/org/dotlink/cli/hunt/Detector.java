package org.dotlink.cli.hunt;

import java.util.ArrayList;
import java.util.List;
import org.dotlink.core.AssetRoles;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.index.RuleIndex;

/**
 * Runs the rule index over a batch of events on a worker thread: each thread has its own matcher.
 * Thread-safe.
 */
public final class Detector {

    private final ThreadLocal<RuleIndex.Matcher> matchers;
    private final AssetRoles assets;

    public Detector(RuleIndex index, AssetRoles assets) {
        this.matchers = ThreadLocal.withInitial(index::matcher);
        this.assets = assets;
    }

    /** The findings of the events, in event order (and rule order within an event). */
    public List<Finding> findings(List<Event> events) {
        RuleIndex.Matcher m = matchers.get();
        List<Finding> out = new ArrayList<>();
        List<CompiledRule> hits = new ArrayList<>();
        for (Event e : events) {
            hits.clear();
            m.match(e, hits);
            for (CompiledRule r : hits) {
                out.add(assets.finding(Detection.of(r.info(), e)));
            }
        }
        return out;
    }
}
