package org.dotlink.stream.operator;

import static org.dotlink.stream.operator.TestRules.rule;
import static org.dotlink.stream.operator.TestRules.start;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.EventRef;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.stream.LoadedRules;
import org.dotlink.stream.RuleBundle;
import org.dotlink.stream.codec.FindingCodec;
import org.dotlink.stream.record.CorrelationInput;
import org.dotlink.stream.record.FindingRecord;
import org.junit.jupiter.api.Test;

/**
 * Correlation in keyed state with event-time timers: detections arriving out of order are fed in time order
 * once the watermark passes them; a sliding-window count fires as soon as it holds; a consecutive-window
 * count fires when its window has ended (by timer); state is gone once windows are over; a detection
 * behind the watermark is dropped.
 */
class CorrelateFunctionTest {

    private static final String RULES = rule("bbbbbbbb-0000-0000-0000-000000000001", "whoami.exe") + "---\n"
            + rule("bbbbbbbb-0000-0000-0000-000000000002", "ipconfig.exe") + """
            ---
            title: Three whoami within five minutes
            id: bbbbbbbb-0000-0000-0000-00000000000a
            correlation:
                type: event_count
                rules: [bbbbbbbb-0000-0000-0000-000000000001]
                group-by: [Computer]
                timespan: 5m
                condition: {gte: 3}
            ---
            title: At most one ipconfig a minute
            id: bbbbbbbb-0000-0000-0000-00000000000b
            correlation:
                type: event_count
                rules: [bbbbbbbb-0000-0000-0000-000000000002]
                group-by: [Computer]
                timespan: 1m
                condition: {lte: 1}
            """;
    private static final RuleBundle BUNDLE = RuleBundle.of("rules.yml", RULES, false);

    private static KeyedBroadcastOperatorTestHarness<String, CorrelationInput, String, FindingRecord> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new CorrelateFunction(BUNDLE),
                c -> c.partition, Types.STRING, DetectFunction.RULES);
    }

    /** The correlation inputs the detection stage would send for this event. */
    private static List<CorrelationInput> inputs(Event e) {
        LoadedRules loaded = LoadedRules.of(BUNDLE);
        List<CorrelationInput> out = new ArrayList<>();
        for (CompiledRule r : loaded.ruleSet().rules()) {
            if (r.matches(e)) {
                Detection d = Detection.of(r.info(), e);
                for (String p : loaded.partitions().partitionsOf(d)) {
                    out.add(CorrelationInput.of(p, org.dotlink.core.IsoTime.toEpochMillis(e.time()),
                            FindingCodec.encodeDetection(d)));
                }
            }
        }
        return out;
    }

    private static void send(KeyedBroadcastOperatorTestHarness<String, CorrelationInput, String, FindingRecord> h,
                             Event e) throws Exception {
        for (CorrelationInput in : inputs(e)) {
            h.processElement(in, in.time);
        }
    }

    /** Entries in the operator's keyed state (the pending detections and the groups' windows). */
    private static int stateEntries(KeyedBroadcastOperatorTestHarness<String, CorrelationInput, String, FindingRecord> h) {
        var operator = (org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>) h.getTwoInputOperator();
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) operator.getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private static List<List<Long>> records(List<FindingRecord> out) {
        return out.stream().map(f -> FindingCodec.decode(f.finding).detection().events().stream()
                .map(EventRef::recordId).toList()).toList();
    }

    @Test
    void detectionsAreFedInTimeOrderOnceTheWatermarkPasses() throws Exception {
        try (var h = harness()) {
            send(h, start(3, "WS1", "whoami.exe", 20));
            send(h, start(1, "WS1", "whoami.exe", 0));
            send(h, start(9, "WS2", "whoami.exe", 5)); // another host: another group
            send(h, start(2, "WS1", "whoami.exe", 10));
            assertEquals(List.of(), h.extractOutputValues(), "nothing before the watermark");
            h.watermark(TestRules.millis(19));
            assertEquals(List.of(), h.extractOutputValues(), "two whoami so far");
            h.watermark(TestRules.millis(20));
            List<FindingRecord> out = h.extractOutputValues();
            assertEquals(List.of(List.of(1L, 2L, 3L)), records(out));
            assertEquals("ws1", out.get(0).host);
            assertEquals("Three whoami within five minutes", FindingCodec.decode(out.get(0).finding).rule().title());
            h.watermark(TestRules.millis(20 + 5 * 60 + 1));
            assertEquals(0, stateEntries(h), "windows over: no state left");
            assertEquals(0, h.numEventTimeTimers());
        }
    }

    @Test
    void aConsecutiveWindowIsJudgedByTimerWhenItEnds() throws Exception {
        try (var h = harness()) {
            send(h, start(1, "WS1", "ipconfig.exe", 0));
            h.watermark(TestRules.millis(30));
            assertEquals(List.of(), h.extractOutputValues(), "the minute is not over");
            h.watermark(TestRules.millis(61));
            assertEquals(List.of(List.of(1L)), records(h.extractOutputValues()));
            assertEquals(0, stateEntries(h));
        }
    }

    @Test
    void aDetectionBehindTheWatermarkIsDropped() throws Exception {
        try (var h = harness()) {
            h.watermark(TestRules.millis(100));
            send(h, start(1, "WS1", "ipconfig.exe", 50));
            h.watermark(TestRules.millis(1000));
            assertEquals(List.of(), h.extractOutputValues());
            assertEquals(0, stateEntries(h));
        }
    }
}
