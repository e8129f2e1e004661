package org.dotlink.stream.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.dotlink.core.Finding;
import org.dotlink.core.IsoTime;
import org.dotlink.core.Story;
import org.dotlink.story.StoryBuilder;
import org.dotlink.stream.codec.FindingCodec;
import org.dotlink.stream.codec.HostStoriesCodec;
import org.dotlink.stream.record.HostStories;
import org.dotlink.stream.record.StoryRecord;

/**
 * The second story stage: every host's result of one window in one place (one subtask), a
 * {@link StoryBuilder} over links across hosts ({@link StoryBuilder.Scope#ACROSS_HOSTS}: accounts and tool
 * hashes on several hosts, remote accesses) joined with the links the first stage found within each host.
 * The stories are those one builder over the window's events would make; they are numbered by score
 * within the window ({@code story-20201019T0000Z-0001}) and written as {@code stories.json} writes them.
 */
public final class CrossHostStoriesFunction
        extends ProcessWindowFunction<HostStories, StoryRecord, String, TimeWindow> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final DateTimeFormatter WINDOW = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public void process(String key, Context ctx, Iterable<HostStories> hosts, Collector<StoryRecord> out)
            throws JsonProcessingException {
        List<Finding> findings = new ArrayList<>();
        List<Story.Link> links = new ArrayList<>();
        List<HostStoriesCodec.PlacedFacts> facts = new ArrayList<>();
        for (HostStories h : hosts) {
            HostStoriesCodec.Content c = HostStoriesCodec.decode(h.payload);
            c.findings().forEach(b -> findings.add(FindingCodec.decode(b)));
            links.addAll(c.links());
            facts.addAll(c.facts());
        }
        if (findings.isEmpty()) {
            return;
        }
        // input order across hosts: by source, then offset (see HostStoriesFunction)
        facts.sort(Comparator.comparing(HostStoriesCodec.PlacedFacts::source)
                .thenComparingLong(HostStoriesCodec.PlacedFacts::offset));
        findings.sort(Comparator.comparingLong((Finding f) -> IsoTime.toEpochMillis(f.detection().time()))
                .thenComparing(Finding::key));
        StoryBuilder across = new StoryBuilder(StoryBuilder.Scope.ACROSS_HOSTS);
        facts.forEach(f -> across.observe(f.facts()));
        findings.forEach(across::add);
        links.forEach(across::join);
        String window = WINDOW.format(Instant.ofEpochMilli(ctx.window().getStart()));
        int n = 0;
        for (Story s : across.build().stories()) {
            Story named = s.withId(String.format("story-%s-%04d", window, ++n));
            out.collect(StoryRecord.of(named.id(), JSON.writeValueAsString(named)));
        }
    }
}
