package org.dotlink.stream.operator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.dotlink.core.AssetRoles;
import org.dotlink.core.Detection;
import org.dotlink.core.Finding;
import org.dotlink.core.HostNames;
import org.dotlink.core.IsoTime;
import org.dotlink.sigma.correlation.CompiledCorrelation;
import org.dotlink.sigma.correlation.CorrelationEngine;
import org.dotlink.sigma.correlation.CorrelationPartitions;
import org.dotlink.stream.LiveRules;
import org.dotlink.stream.LoadedRules;
import org.dotlink.stream.RuleBundle;
import org.dotlink.stream.codec.Bytes;
import org.dotlink.stream.codec.FindingCodec;
import org.dotlink.stream.record.CorrelationInput;
import org.dotlink.stream.record.FindingRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Correlation rules, keyed by correlation partition ({@link CorrelationPartitions}: a correlation and its
 * group-by values, or a chain of correlations). The laptop pipeline's {@link CorrelationEngine} runs
 * unchanged over {@link FlinkCorrelationState}; what this adds is event-time order, which the engine
 * needs: detections wait in keyed state ({@code pending}: event time to the detections of that
 * millisecond) until the watermark passes their time, and are then fed in time order by an event-time
 * timer. After each feed the partition's windows are judged as of that time
 * ({@link CorrelationEngine#advanceTo}), and while it holds any, a timer one timespan later judges and
 * drops what has ended, so that state does not outlive its windows.
 *
 * <p>A detection older than the watermark when it arrives (later than the allowed lateness) cannot be put
 * in order: it is dropped, logged and counted ({@code dotlinkLateDetections}). Rule sets arrive on the
 * broadcast input as for detection; a partition whose correlation no longer exists is cleared.
 */
public final class CorrelateFunction
        extends KeyedBroadcastProcessFunction<String, CorrelationInput, String, FindingRecord> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CorrelateFunction.class);

    private static final TypeInformation<byte[]> BYTES = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;

    private final RuleBundle initial;
    private transient LiveRules rules;
    private transient LoadedRules loaded;
    private transient MapState<String, byte[]> groups;
    private transient MapState<Long, byte[]> pending;
    private transient FlinkCorrelationState state;
    private transient Map<String, CorrelationEngine> engines;
    private transient Map<String, Long> spans;
    private transient Counter late;

    public CorrelateFunction(RuleBundle initial) {
        this.initial = initial;
    }

    @Override
    public void open(OpenContext context) {
        rules = new LiveRules(initial, "correlation " + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        groups = getRuntimeContext().getMapState(
                new MapStateDescriptor<String, byte[]>("correlation-groups", Types.STRING, BYTES));
        pending = getRuntimeContext().getMapState(
                new MapStateDescriptor<Long, byte[]>("pending-detections", Types.LONG, BYTES));
        state = new FlinkCorrelationState(groups);
        engines = new HashMap<>();
        spans = new HashMap<>();
        late = getRuntimeContext().getMetricGroup().counter("dotlinkLateDetections");
    }

    @Override
    public void processElement(CorrelationInput in, ReadOnlyContext ctx, Collector<FindingRecord> out)
            throws Exception {
        useRules(ctx.getBroadcastState(DetectFunction.RULES).get(LiveRules.KEY));
        if (in.time <= ctx.timerService().currentWatermark()) {
            late.inc();
            LOG.warn("correlation {}: a detection at {} arrived after the watermark ({}); dropped",
                    CorrelationPartitions.componentOf(in.partition), Instant.ofEpochMilli(in.time),
                    Instant.ofEpochMilli(ctx.timerService().currentWatermark()));
            return;
        }
        byte[] held = pending.get(in.time);
        List<byte[]> blocks = held == null ? new ArrayList<>() : new Bytes.Reader(held).readBlocks();
        blocks.add(in.detection);
        pending.put(in.time, new Bytes.Writer().writeBlocks(blocks).toByteArray());
        ctx.timerService().registerEventTimeTimer(in.time);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<FindingRecord> out) throws Exception {
        useRules(ctx.getBroadcastState(DetectFunction.RULES).get(LiveRules.KEY));
        String component = CorrelationPartitions.componentOf(ctx.getCurrentKey());
        CorrelationEngine engine = engine(component);
        if (engine == null) {
            groups.clear(); // the rules changed and this correlation is gone
            pending.clear();
            return;
        }
        List<Detection> made = new ArrayList<>();
        byte[] held = pending.get(time);
        if (held != null) {
            for (byte[] d : new Bytes.Reader(held).readBlocks()) {
                made.addAll(engine.accept(FindingCodec.decodeDetection(d)));
            }
            pending.remove(time);
        }
        made.addAll(engine.advanceTo(Instant.ofEpochMilli(time).toString()));
        for (Detection d : made) {
            Finding f = AssetRoles.NONE.finding(d);
            out.collect(FindingRecord.of(f.key(), HostNames.normalize(d.host()), IsoTime.toEpochMillis(d.time()),
                    FindingCodec.encode(f)));
        }
        if (!state.isEmpty()) {
            ctx.timerService().registerEventTimeTimer(time + spans.get(component) + 1);
        }
    }

    @Override
    public void processBroadcastElement(String yaml, Context ctx, Collector<FindingRecord> out) throws Exception {
        if (LiveRules.refusal(yaml) == null) {
            ctx.getBroadcastState(DetectFunction.RULES).put(LiveRules.KEY, yaml);
        }
    }

    private void useRules(String received) {
        LoadedRules now = rules.current(received);
        if (now != loaded) {
            loaded = now;
            engines.clear();
            spans.clear();
        }
    }

    /** The engine of a component (one per component and operator instance; its state is the current key's). */
    private CorrelationEngine engine(String component) {
        CorrelationEngine e = engines.get(component);
        if (e == null) {
            List<CompiledCorrelation> correlations = loaded.partitions().correlationsOf(component);
            if (correlations.isEmpty()) {
                return null;
            }
            e = new CorrelationEngine(correlations, state);
            engines.put(component, e);
            long micros = correlations.stream().mapToLong(CompiledCorrelation::spanMicros).max().orElse(0);
            spans.put(component, (micros + 999) / 1000);
        }
        return e;
    }
}
