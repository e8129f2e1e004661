package org.dotlink.stream.operator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.dotlink.core.Story;
import org.dotlink.story.CrossHostFacts;
import org.dotlink.story.EventFacts;
import org.dotlink.story.StoryBuilder;
import org.dotlink.stream.codec.FactsCodec;
import org.dotlink.stream.codec.FindingCodec;
import org.dotlink.stream.codec.HostStoriesCodec;
import org.dotlink.stream.record.HostStories;
import org.dotlink.stream.record.StoryItem;

/**
 * The first story stage, keyed by host over tumbling event-time windows: the laptop pipeline's
 * {@link StoryBuilder}, limited to links within the host ({@link StoryBuilder.Scope#WITHIN_HOST}), over
 * the window's facts and findings. It passes on the host's findings, the links it found among them, and
 * the few facts links across hosts need ({@link CrossHostFacts}), each with its event's source and offset.
 *
 * <p>Facts are taken in input order, by source and then offset (the order a source wrote its events, as
 * the laptop pipeline takes them in file order), not by event time: where the order of facts matters (a
 * file written before the process started from it; which host used an address last), both paths then
 * decide alike.
 */
public final class HostStoriesFunction extends ProcessWindowFunction<StoryItem, HostStories, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    /** Facts: source, then offset (input order). */
    static final Comparator<StoryItem> INPUT_ORDER = Comparator.comparing((StoryItem i) -> i.key)
            .thenComparingLong(i -> i.offset);
    /** Findings: event time, then key. */
    static final Comparator<StoryItem> TIME_ORDER = Comparator.comparingLong((StoryItem i) -> i.time)
            .thenComparing(i -> i.key);

    @Override
    public void process(String host, Context ctx, Iterable<StoryItem> items, Collector<HostStories> out) {
        List<StoryItem> facts = new ArrayList<>();
        List<StoryItem> findings = new ArrayList<>();
        for (StoryItem i : items) {
            (i.finding ? findings : facts).add(i);
        }
        facts.sort(INPUT_ORDER);
        findings.sort(TIME_ORDER);
        StoryBuilder within = new StoryBuilder(StoryBuilder.Scope.WITHIN_HOST);
        CrossHostFacts cross = new CrossHostFacts();
        for (StoryItem i : facts) {
            EventFacts f = FactsCodec.decode(i.payload);
            within.observe(f);
            cross.add(f);
        }
        List<byte[]> encodedFindings = new ArrayList<>(findings.size());
        for (StoryItem i : findings) {
            within.add(FindingCodec.decode(i.payload));
            encodedFindings.add(i.payload);
        }
        List<Story.Link> links = new ArrayList<>();
        if (!findings.isEmpty()) {
            within.build().stories().forEach(s -> links.addAll(s.links()));
        }
        List<HostStoriesCodec.PlacedFacts> placed = new ArrayList<>();
        for (CrossHostFacts.Kept k : cross.kept()) {
            StoryItem from = facts.get(k.position());
            placed.add(new HostStoriesCodec.PlacedFacts(from.key, from.offset, k.facts()));
        }
        out.collect(HostStories.of(host, ctx.window().getStart(),
                HostStoriesCodec.encode(encodedFindings, links, placed)));
    }
}
