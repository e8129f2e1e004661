package org.dotlink.sigma.correlation;

import static org.dotlink.sigma.correlation.Correlate.FAILED_LOGON;
import static org.dotlink.sigma.correlation.Correlate.SUCCESSFUL_LOGON;
import static org.dotlink.sigma.correlation.Correlate.failedLogon;
import static org.dotlink.sigma.correlation.Correlate.logon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.sigma.compile.CompiledRule;
import org.junit.jupiter.api.Test;

/**
 * Engines that each hold one partition give the same correlation detections as one engine over
 * everything: a single correlation split by its group-by values, a chain kept whole, a rule read by two
 * components sent to both.
 */
class CorrelationPartitionsTest {

    private static final String RULES = """
            title: Many failed logons per user
            id: 77777777-0000-0000-0000-000000000001
            correlation:
                type: event_count
                rules: [failed_logon]
                group-by: [TargetUserName]
                timespan: 10m
                condition: {gte: 3}
            generate: true
            ---
            title: Failed logons followed by a successful logon
            id: 77777777-0000-0000-0000-000000000002
            correlation:
                type: temporal_ordered
                rules: [many_failed_by_ip, successful_logon]
                group-by: [IpAddress]
                timespan: 10m
            level: high
            ---
            title: Many failed logons per address
            id: 77777777-0000-0000-0000-000000000003
            name: many_failed_by_ip
            correlation:
                type: event_count
                rules: [failed_logon]
                group-by: [IpAddress, TargetUserName]
                timespan: 10m
                condition: {gte: 2}
            ---
            """ + FAILED_LOGON + "---\n" + SUCCESSFUL_LOGON;

    private static final List<Event> EVENTS = List.of(
            failedLogon(1, 0, "10.0.0.9", "alice"),
            failedLogon(2, 5, "10.0.0.8", "bob"),
            failedLogon(3, 10, "10.0.0.9", "alice"),
            failedLogon(4, 15, "10.0.0.8", "bob"),
            failedLogon(5, 20, "10.0.0.9", "alice"),
            failedLogon(6, 25, "10.0.0.7", "bob"),
            logon(7, 60, "10.0.0.9", "alice"),
            logon(8, 70, "10.0.0.8", "bob"),
            failedLogon(9, 900, "10.0.0.9", "carol"));

    @Test
    void partitionedEnginesGiveWhatOneEngineGives() {
        Correlate.Linked l = Correlate.link(RULES);
        assertEquals(List.of(), l.correlations().problems());
        List<CompiledCorrelation> all = l.correlations().correlations();
        List<String> expected = keys(Correlate.run(l, EVENTS).correlations());
        assertEquals(4, expected.size(), "alice and bob per user, then alice and bob by address: " + expected);

        CorrelationPartitions parts = new CorrelationPartitions(all);
        assertEquals(2, parts.components().size(), "the standalone one, and the chain of two");
        Map<String, CorrelationEngine> engines = new HashMap<>();
        List<Detection> got = new ArrayList<>();
        for (Event e : EVENTS) {
            for (CompiledRule r : l.rules()) {
                if (!r.matches(e)) {
                    continue;
                }
                Detection d = Detection.of(r.info(), e);
                for (String p : parts.partitionsOf(d)) {
                    CorrelationEngine engine = engines.computeIfAbsent(p, k -> new CorrelationEngine(
                            parts.correlationsOf(CorrelationPartitions.componentOf(k)), new InMemoryCorrelationState()));
                    got.addAll(engine.accept(d));
                }
            }
        }
        engines.values().forEach(e -> got.addAll(e.finish()));
        assertEquals(sorted(expected), sorted(keys(got)));
        assertTrue(engines.size() > parts.components().size(), "the standalone correlation is split by user: "
                + engines.keySet());
    }

    @Test
    void aRuleNoCorrelationReadsGoesNowhere() {
        Correlate.Linked l = Correlate.link(RULES + "\n---\n" + """
                title: Unrelated
                id: 77777777-0000-0000-0000-000000000009
                logsource: {product: windows, service: security}
                detection:
                    selection: {EventID: 4624}
                    condition: selection
                """);
        CorrelationPartitions parts = new CorrelationPartitions(l.correlations().correlations());
        CompiledRule unrelated = l.rules().stream().filter(r -> r.info().title().equals("Unrelated")).findFirst()
                .orElseThrow();
        assertEquals(List.of(), parts.partitionsOf(Detection.of(unrelated.info(), logon(1, 0, "10.0.0.1", "x"))));
        assertEquals(List.of(), parts.correlationsOf("no-such-component"));
    }

    private static List<String> keys(List<Detection> ds) {
        return ds.stream().map(d -> d.rule().id() + " " + d.groupBy() + " "
                + d.events().stream().map(r -> r.recordId()).toList()).toList();
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        s.sort(null);
        return s;
    }
}
