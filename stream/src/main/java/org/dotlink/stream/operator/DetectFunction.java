package org.dotlink.stream.operator;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.core.HostNames;
import org.dotlink.core.IsoTime;
import org.dotlink.sigma.hunt.Detector;
import org.dotlink.story.EventFacts;
import org.dotlink.story.FactExtractor;
import org.dotlink.stream.LiveRules;
import org.dotlink.stream.LoadedRules;
import org.dotlink.stream.RuleBundle;
import org.dotlink.stream.codec.EventCodec;
import org.dotlink.stream.codec.FactsCodec;
import org.dotlink.stream.codec.FindingCodec;
import org.dotlink.stream.record.CorrelationInput;
import org.dotlink.stream.record.EventRecord;
import org.dotlink.stream.record.FindingRecord;
import org.dotlink.stream.record.StoryItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection, the stateless stage: each event goes through the rule index ({@link Detector#detect}, as in
 * the laptop pipeline) and gives its findings (the main output), the detections that correlations read
 * (side output {@link #CORRELATION}, one per correlation partition) and its facts for stories (side
 * output {@link #FACTS}). Rule sets arrive on the broadcast input and replace the rules in force
 * ({@link LiveRules}); the latest is kept in broadcast state. Messages that were not JSON events are
 * logged with their source and offset and counted ({@code dotlinkUnreadableMessages}).
 */
public final class DetectFunction extends BroadcastProcessFunction<EventRecord, String, FindingRecord> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DetectFunction.class);

    /** The broadcast state holding the latest rule set received. */
    public static final MapStateDescriptor<String, String> RULES =
            new MapStateDescriptor<>("dotlink-rules", Types.STRING, Types.STRING);
    public static final OutputTag<CorrelationInput> CORRELATION =
            new OutputTag<>("correlation-inputs", Types.POJO(CorrelationInput.class));
    public static final OutputTag<StoryItem> FACTS = new OutputTag<>("facts", Types.POJO(StoryItem.class));

    private final RuleBundle initial;
    private transient LiveRules rules;
    private transient Counter unreadable;

    public DetectFunction(RuleBundle initial) {
        this.initial = initial;
    }

    @Override
    public void open(OpenContext context) {
        rules = new LiveRules(initial, "detection " + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        rules.current(null); // compile the starting rules now, not at the first event
        unreadable = getRuntimeContext().getMetricGroup().counter("dotlinkUnreadableMessages");
    }

    @Override
    public void processElement(EventRecord r, ReadOnlyContext ctx, Collector<FindingRecord> out) throws Exception {
        if (r.event == null) {
            unreadable.inc();
            LOG.warn("events topic: message {} at offset {} skipped: {}", r.source, r.offset, r.problem);
            return;
        }
        LoadedRules loaded = rules.current(ctx.getBroadcastState(RULES).get(LiveRules.KEY));
        Event e = EventCodec.decode(r.event);
        Detector.Result detected = loaded.detector().detect(List.of(e));
        for (Finding f : detected.findings()) {
            out.collect(FindingRecord.of(f.key(), HostNames.normalize(f.detection().host()), r.time,
                    FindingCodec.encode(f)));
        }
        for (Detection d : detected.correlationInputs()) {
            List<String> partitions = loaded.partitions().partitionsOf(d);
            long time = IsoTime.toEpochMillis(d.time());
            if (partitions.isEmpty() || time == Long.MIN_VALUE) {
                continue; // a correlation cannot place a detection without a time (nor does the batch path)
            }
            byte[] encoded = FindingCodec.encodeDetection(d);
            for (String p : partitions) {
                ctx.output(CORRELATION, CorrelationInput.of(p, time, encoded));
            }
        }
        EventFacts facts = FactExtractor.of(e);
        if (facts != null && r.time != Long.MIN_VALUE) {
            ctx.output(FACTS, StoryItem.facts(facts.host(), r.time, r.source, r.offset, FactsCodec.encode(facts)));
        }
    }

    @Override
    public void processBroadcastElement(String yaml, Context ctx, Collector<FindingRecord> out) throws Exception {
        String refusal = LiveRules.refusal(yaml);
        if (refusal != null) {
            LOG.warn("rules topic: rule set refused, the rules in force stay: {}", refusal);
            return;
        }
        ctx.getBroadcastState(RULES).put(LiveRules.KEY, yaml);
    }
}
