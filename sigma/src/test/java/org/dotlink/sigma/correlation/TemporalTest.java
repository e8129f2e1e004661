package org.dotlink.sigma.correlation;

import static org.dotlink.sigma.correlation.Correlate.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.dotlink.core.Event;
import org.junit.jupiter.api.Test;

/** temporal and temporal_ordered: three steps on one host, in any order or in the order listed. */
class TemporalTest {

    private static final String STEPS = """
            title: Step A
            id: 44444444-0000-0000-0000-00000000000a
            name: step_a
            logsource: {product: windows, service: security}
            detection: {selection: {EventID: 4720}, condition: selection}
            ---
            title: Step B
            id: 44444444-0000-0000-0000-00000000000b
            name: step_b
            logsource: {product: windows, service: security}
            detection: {selection: {EventID: 4732}, condition: selection}
            ---
            title: Step C
            id: 44444444-0000-0000-0000-00000000000c
            name: step_c
            logsource: {product: windows, service: security}
            detection: {selection: {EventID: 4726}, condition: selection}
            """;

    private static String correlation(String type) {
        return """
                title: Account created, made admin, deleted
                id: 44444444-0000-0000-0000-000000000001
                correlation:
                    type: %s
                    rules: [step_a, step_b, step_c]
                    group-by: [Computer]
                    timespan: 10m
                ---
                """.formatted(type) + STEPS;
    }

    private static Event step(long record, double seconds, String host, String eventId) {
        return event(record, seconds, "Channel", "Security", "Computer", host, "EventID", eventId);
    }

    private static final String A = "4720";
    private static final String B = "4732";
    private static final String C = "4726";

    @Test
    void orderedStepsFire() {
        List<Event> events = List.of(
                step(1, 0, "WS1", A),
                step(2, 60, "WS2", B), // another host
                step(3, 120, "WS1", B),
                step(4, 300, "WS1", C));
        Correlate.Run run = Correlate.run(correlation("temporal_ordered"), events);
        assertEquals(List.of(List.of(1L, 3L, 4L)), run.records());
        assertEquals(Map.of("Computer", "WS1"), run.correlations().get(0).groupBy());
        assertEquals("WS1", run.correlations().get(0).host());
    }

    @Test
    void theWrongOrderDoesNotFireTheOrderedCorrelation() {
        List<Event> reversed = List.of(step(1, 0, "WS1", C), step(2, 60, "WS1", B), step(3, 120, "WS1", A));
        assertEquals(List.of(), Correlate.run(correlation("temporal_ordered"), reversed).correlations());
        List<Event> swapped = List.of(step(1, 0, "WS1", A), step(2, 60, "WS1", C), step(3, 120, "WS1", B));
        assertEquals(List.of(), Correlate.run(correlation("temporal_ordered"), swapped).correlations());
        // ... until the missing step comes in order: the sequence starts at the first A
        List<Event> completed = List.of(step(1, 0, "WS1", B), step(2, 10, "WS1", A), step(3, 60, "WS1", C),
                step(4, 120, "WS1", B), step(5, 180, "WS1", C));
        assertEquals(List.of(List.of(2L, 3L, 4L, 5L)),
                Correlate.run(correlation("temporal_ordered"), completed).records());
    }

    @Test
    void theUnorderedCorrelationTakesAnyOrder() {
        List<Event> reversed = List.of(step(1, 0, "WS1", C), step(2, 60, "WS1", B), step(3, 120, "WS1", A));
        assertEquals(List.of(List.of(1L, 2L, 3L)), Correlate.run(correlation("temporal"), reversed).records());
    }

    @Test
    void allStepsMustBeWithinTheTimespan() {
        List<Event> slow = List.of(step(1, 0, "WS1", A), step(2, 300, "WS1", B), step(3, 601, "WS1", C));
        assertEquals(List.of(), Correlate.run(correlation("temporal"), slow).correlations());
        assertEquals(List.of(), Correlate.run(correlation("temporal_ordered"), slow).correlations());
        List<Event> missing = List.of(step(1, 0, "WS1", A), step(2, 30, "WS1", A), step(3, 60, "WS1", B));
        assertEquals(List.of(), Correlate.run(correlation("temporal"), missing).correlations());
    }

    @Test
    void aConditionCountsDistinctRules() {
        String twoOfThree = """
                title: Two of the three steps
                id: 44444444-0000-0000-0000-000000000002
                correlation:
                    type: temporal
                    rules: [step_a, step_b, step_c]
                    group-by: [Computer]
                    timespan: 10m
                    condition: {gte: 2}
                ---
                """ + STEPS;
        List<Event> events = List.of(step(1, 0, "WS1", A), step(2, 30, "WS1", A), step(3, 60, "WS1", C));
        assertEquals(List.of(List.of(1L, 2L, 3L)), Correlate.run(twoOfThree, events).records());
    }

    @Test
    void anOrderedStepMayRepeatARule() {
        String aba = """
                title: Created, made admin, created again
                id: 44444444-0000-0000-0000-000000000003
                correlation:
                    type: temporal_ordered
                    rules: [step_a, step_b, step_a]
                    group-by: [Computer]
                    timespan: 10m
                ---
                """ + STEPS;
        assertEquals(List.of(), Correlate.run(aba, List.of(step(1, 0, "WS1", A), step(2, 10, "WS1", B)))
                .correlations(), "two of three steps");
        assertEquals(List.of(List.of(1L, 2L, 3L)), Correlate.run(aba, List.of(step(1, 0, "WS1", A),
                step(2, 10, "WS1", B), step(3, 20, "WS1", A))).records());
    }
}
