package org.dotlink.sigma.correlation;

import static org.dotlink.sigma.correlation.Correlate.at;
import static org.dotlink.sigma.correlation.Correlate.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.junit.jupiter.api.Test;

/**
 * value_sum (a growing measure: sliding windows, fires as soon as it holds), value_avg and value_percentile
 * (judged over consecutive windows once they have ended).
 */
class ValueAggregateTest {

    private static final String TRANSFER = """
            title: Outbound transfer
            id: 55555555-0000-0000-0000-000000000001
            name: transfer
            logsource: {product: dotlink_test, category: transfer}
            detection: {selection: {EventID: 9000}, condition: selection}
            """;

    private static String correlation(String title, String type, String condition) {
        return """
                title: %s
                id: 55555555-0000-0000-%012d
                correlation:
                    type: %s
                    rules: [transfer]
                    group-by: [Computer]
                    timespan: 1m
                    condition: {field: Bytes, %s}
                ---
                """.formatted(title, Math.abs(title.hashCode()), type, condition);
    }

    private static Event transfer(long record, double seconds, String host, String bytes) {
        return event(record, seconds, "EventID", "9000", "Computer", host, "Bytes", bytes);
    }

    @Test
    void valueSumAddsTheNumbersOfAWindow() {
        List<Event> events = List.of(
                transfer(1, 0, "H1", "400"),
                transfer(2, 5, "H2", "400"),
                transfer(3, 10, "H1", "0x12c"), // Windows hex: 300
                transfer(4, 15, "H2", "500"),
                transfer(5, 20, "H1", "500"),
                transfer(6, 30, "H1", "n/a")); // not a number: not measured, not listed
        Correlate.Run run = Correlate.run(correlation("Large transfer", "value_sum", "gt: 1000") + TRANSFER, events);
        assertEquals(List.of(List.of(1L, 3L, 5L)), run.records());
        assertEquals(Map.of("Computer", "H1"), run.correlations().get(0).groupBy());
        assertEquals(at(20), run.correlations().get(0).time());
    }

    @Test
    void valueSumFiresAtTheDetectionThatMakesItHold() {
        String rules = correlation("Large transfer", "value_sum", "gt: 1000") + TRANSFER;
        Correlate.Linked linked = Correlate.link(rules);
        CorrelationEngine engine = new CorrelationEngine(linked.correlations().correlations(),
                new InMemoryCorrelationState());
        assertEquals(List.of(), engine.accept(Detection.of(linked.rules().get(0).info(), transfer(1, 0, "H1", "600"))));
        List<Detection> fired = engine.accept(Detection.of(linked.rules().get(0).info(), transfer(2, 50, "H1", "600")));
        assertEquals(1, fired.size());
        assertEquals(at(50), fired.get(0).time());
        // sliding: 600 at 50 s and 600 at 70 s are within one minute, whatever came before
        assertEquals(List.of(List.of(2L, 3L)), Correlate.run(rules, List.of(transfer(1, 0, "H1", "100"),
                transfer(2, 50, "H1", "600"), transfer(3, 70, "H1", "600"))).records());
    }

    @Test
    void aWindowIsJudgedOnceItHasEndedNotBefore() {
        String rules = correlation("High mean transfer", "value_avg", "gt: 500") + TRANSFER;
        Correlate.Linked linked = Correlate.link(rules);
        CorrelationEngine engine = new CorrelationEngine(linked.correlations().correlations(),
                new InMemoryCorrelationState());
        List<Detection> out = new ArrayList<>();
        for (Event e : List.of(transfer(1, 0, "H1", "600"), transfer(2, 10, "H1", "600"))) {
            out.addAll(engine.accept(Detection.of(linked.rules().get(0).info(), e)));
        }
        assertEquals(List.of(), out, "the window (0..60 s) has not ended: more could come");
        assertEquals(List.of(), engine.advanceTo(at(60)), "60 s is still inside the window");
        List<Detection> ended = engine.advanceTo(at(60.5));
        assertEquals(1, ended.size());
        assertEquals(List.of(at(0), at(10)), ended.get(0).events().stream().map(r -> r.time()).toList());
        assertEquals(List.of(), engine.finish());
    }

    @Test
    void valueAvgIsTheMeanOfAWholeWindow() {
        List<Event> events = List.of(
                transfer(1, 0, "H1", "100"),
                transfer(2, 10, "H1", "1000"), // H1: mean 550
                transfer(3, 0, "H3", "1000"), // H3: mean 340 though its first value alone is above 500
                transfer(4, 10, "H3", "10"),
                transfer(5, 20, "H3", "10"),
                transfer(6, 0, "H2", "100"),
                transfer(7, 10, "H2", "200"),
                transfer(8, 70, "H2", "600"), // H2: 0..60 s means 150; 70..130 s means 500
                transfer(9, 80, "H2", "400"));
        Correlate.Run run = Correlate.run(correlation("High mean transfer", "value_avg", "gt: 500") + TRANSFER,
                sorted(events));
        assertEquals(List.of(List.of(1L, 2L)), run.records());
        assertEquals(Map.of("Computer", "H1"), run.correlations().get(0).groupBy());
    }

    @Test
    void valuePercentileUsesTheNearestRank() {
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            events.add(transfer(i, i, "H1", String.valueOf(i * 10)));
        }
        events.add(transfer(10, 10, "H1", "2000"));
        String rules = correlation("p95 transfer", "value_percentile", "percentile: 95, gte: 1000")
                + correlation("p90 transfer", "value_percentile", "percentile: 90, gte: 1000") + TRANSFER;
        Correlate.Run run = Correlate.run(rules, events);
        // ten values: the 95th percentile is the 10th (2000), the 90th the 9th (90)
        assertEquals(List.of("p95 transfer"), run.titles());
        assertEquals(List.of(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L)), run.records());
    }

    @Test
    void nearestRankPercentiles() {
        double[] values = {15, 20, 35, 40, 50};
        assertEquals(15, Measures.percentile(values, 0));
        assertEquals(20, Measures.percentile(values, 30));
        assertEquals(20, Measures.percentile(values, 40));
        assertEquals(35, Measures.percentile(values, 50));
        assertEquals(50, Measures.percentile(values, 100));
        assertEquals(300, Measures.number("0x12c"));
        assertEquals(-2.5, Measures.number("-2.5"));
        assertEquals(Double.NaN, Measures.number("NaN"));
        assertEquals(Double.NaN, Measures.number("12d"));
    }

    /** The events in time order (then as given), as a batch driver feeds them. */
    private static List<Event> sorted(List<Event> events) {
        List<Event> out = new ArrayList<>(events);
        out.sort(java.util.Comparator.comparing(Event::time));
        return out;
    }
}
