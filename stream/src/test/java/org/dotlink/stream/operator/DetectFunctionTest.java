package org.dotlink.stream.operator;

import static org.dotlink.stream.operator.TestRules.record;
import static org.dotlink.stream.operator.TestRules.rule;
import static org.dotlink.stream.operator.TestRules.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dotlink.core.Finding;
import org.dotlink.stream.RuleBundle;
import org.dotlink.stream.codec.FactsCodec;
import org.dotlink.stream.codec.FindingCodec;
import org.dotlink.stream.record.EventRecord;
import org.dotlink.stream.record.FindingRecord;
import org.junit.jupiter.api.Test;

/**
 * Detection as one operator: findings, facts and correlation inputs come out of the right outputs; a rule
 * set received on the broadcast input replaces the rules in force, survives a restore from a snapshot, and
 * one that does not load is refused; a message that was not an event is skipped.
 */
class DetectFunctionTest {

    private static final String WHOAMI = rule("aaaaaaaa-0000-0000-0000-000000000001", "whoami.exe");
    private static final String IPCONFIG = rule("aaaaaaaa-0000-0000-0000-000000000002", "ipconfig.exe");
    private static final RuleBundle START = RuleBundle.of("start.yml", WHOAMI, false);

    private static BroadcastOperatorTestHarness<EventRecord, String, FindingRecord> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new DetectFunction(START), DetectFunction.RULES);
    }

    private static List<String> ruleIds(List<FindingRecord> out) {
        return out.stream().map(f -> FindingCodec.decode(f.finding).rule().id()).toList();
    }

    @Test
    void eachEventGivesItsFindingsAndFacts() throws Exception {
        try (var h = harness()) {
            h.processElement(record(start(1, "WS1", "whoami.exe", 0)), TestRules.millis(0));
            h.processElement(record(start(2, "WS1", "notepad.exe", 1)), TestRules.millis(1));
            List<FindingRecord> out = h.extractOutputValues();
            assertEquals(List.of("aaaaaaaa-0000-0000-0000-000000000001"), ruleIds(out));
            Finding f = FindingCodec.decode(out.get(0).finding);
            assertEquals(f.key(), out.get(0).key);
            assertEquals("ws1", out.get(0).host);
            assertEquals(TestRules.millis(0), out.get(0).time);
            assertEquals(2, h.getSideOutput(DetectFunction.FACTS).size(), "both events say something for stories");
            assertEquals("ws1", FactsCodec.decode(h.getSideOutput(DetectFunction.FACTS).peek().getValue().payload).host());
            assertEquals(null, h.getSideOutput(DetectFunction.CORRELATION), "no correlation reads these rules");
        }
    }

    @Test
    void aRuleSetReceivedReplacesTheRulesAndSurvivesARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.processBroadcastElement(IPCONFIG, 0);
            h.processElement(record(start(1, "WS1", "whoami.exe", 0)), TestRules.millis(0));
            h.processElement(record(start(2, "WS1", "ipconfig.exe", 1)), TestRules.millis(1));
            assertEquals(List.of("aaaaaaaa-0000-0000-0000-000000000002"), ruleIds(h.extractOutputValues()));
            h.processBroadcastElement("title: [not a rule", 2); // refused: the rules in force stay
            h.processElement(record(start(3, "WS1", "ipconfig.exe", 2)), TestRules.millis(2));
            assertEquals(2, h.extractOutputValues().size());
            snapshot = h.snapshot(1, 10);
        }
        var restored = new BroadcastOperatorTestHarness<>(new CoBroadcastWithNonKeyedOperator<>(
                new DetectFunction(START), List.of(DetectFunction.RULES)), 1, 1, 0);
        restored.initializeState(snapshot);
        restored.open();
        restored.processElement(record(start(4, "WS1", "whoami.exe", 3)), TestRules.millis(3));
        restored.processElement(record(start(5, "WS1", "ipconfig.exe", 4)), TestRules.millis(4));
        assertEquals(List.of("aaaaaaaa-0000-0000-0000-000000000002"), ruleIds(restored.extractOutputValues()));
        restored.close();
    }

    @Test
    void anEmptyRuleSetLeavesNoRulesButTheBuiltInOnes() throws Exception {
        try (var h = harness()) {
            h.processBroadcastElement("", 0);
            h.processElement(record(start(1, "WS1", "whoami.exe", 0)), TestRules.millis(0));
            assertEquals(List.of(), h.extractOutputValues());
        }
    }

    @Test
    void aMessageThatWasNotAnEventIsSkipped() throws Exception {
        try (var h = harness()) {
            h.processElement(EventRecord.problem("topic/0", 7, "not valid JSON"), 0);
            h.processElement(record(start(1, "WS1", "whoami.exe", 0)), TestRules.millis(0));
            assertEquals(1, h.extractOutputValues().size());
            assertTrue(h.getSideOutput(DetectFunction.FACTS).size() == 1);
        }
    }
}
