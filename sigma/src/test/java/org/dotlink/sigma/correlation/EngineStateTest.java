package org.dotlink.sigma.correlation;

import static org.dotlink.sigma.correlation.Correlate.FAILED_LOGON;
import static org.dotlink.sigma.correlation.Correlate.at;
import static org.dotlink.sigma.correlation.Correlate.failedLogon;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.sigma.compile.CompiledRule;
import org.junit.jupiter.api.Test;

/** What the engine keeps: groups are dropped once they cannot matter, and state holds plain collections. */
class EngineStateTest {

    private static final String RULES = """
            title: Many failed logons from one source
            id: 99999999-0000-0000-0000-000000000001
            correlation:
                type: event_count
                rules: [failed_logon]
                group-by: [IpAddress, TargetUserName]
                timespan: 1m
                condition: {gte: 3}
            ---
            """ + FAILED_LOGON;

    @Test
    void groupsThatCanNoLongerFireAreDropped() {
        Correlate.Linked linked = Correlate.link(RULES);
        CompiledRule rule = linked.rules().get(0);
        InMemoryCorrelationState state = new InMemoryCorrelationState();
        CorrelationEngine engine = new CorrelationEngine(linked.correlations().correlations(), state);
        for (Event e : List.of(failedLogon(1, 0, "10.0.0.1", "a"), failedLogon(2, 1, "10.0.0.2", "a"),
                failedLogon(3, 2, "10.0.0.3", "a"), failedLogon(4, 3, "10.0.0.3", "b"))) {
            assertEquals(List.of(), engine.accept(Detection.of(rule.info(), e)));
        }
        assertEquals(4, state.size());
        GroupKey key = state.keys().iterator().next();
        assertEquals(ArrayList.class, key.values().getClass(), "serializers must be able to rebuild the key");
        assertEquals(ArrayList.class, state.get(key).entries.get(0).events().getClass());
        assertEquals(List.of(), engine.advanceTo(at(60)));
        assertEquals(4, state.size(), "a detection at 60 s would still share a window with one at 0 s");
        assertEquals(List.of(), engine.advanceTo(at(60.5)));
        assertEquals(3, state.size(), "the group last seen at 0 s can take no more detections after 60 s");
        assertEquals(List.of(), engine.advanceTo(at(63.5)));
        assertEquals(0, state.size());
        // a detection much later sweeps by itself
        for (Event e : List.of(failedLogon(5, 100, "10.0.0.1", "a"), failedLogon(6, 101, "10.0.0.2", "a"),
                failedLogon(7, 300, "10.0.0.9", "a"))) {
            engine.accept(Detection.of(rule.info(), e));
        }
        assertEquals(1, state.size());
        assertEquals(List.of(), engine.finish());
        assertEquals(0, state.size());
    }

    @Test
    void aFiredGroupStaysQuietForItsWindowThenIsDropped() {
        Correlate.Linked linked = Correlate.link(RULES);
        CompiledRule rule = linked.rules().get(0);
        InMemoryCorrelationState state = new InMemoryCorrelationState();
        CorrelationEngine engine = new CorrelationEngine(linked.correlations().correlations(), state);
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.addAll(engine.accept(Detection.of(rule.info(), failedLogon(i + 1, i * 10, "10.0.0.1", "a"))));
        }
        assertEquals(1, out.size());
        GroupKey key = new GroupKey(out.get(0).rule().id(), List.of("10.0.0.1", "a"));
        assertEquals(Correlate.T0 * 1_000_000 + 60_000_000, state.get(key).quietUntil);
        assertEquals(0, state.get(key).entries.size(), "the detections after the threshold were absorbed");
        engine.advanceTo(at(60.5));
        assertEquals(0, state.size());
    }

    @Test
    void aGroupCanBeExpiredOnItsOwn() {
        String few = """
                title: At most two failed logons from one source
                id: 99999999-0000-0000-0000-000000000002
                correlation:
                    type: event_count
                    rules: [failed_logon]
                    group-by: [IpAddress]
                    timespan: 1m
                    condition: {lte: 2}
                ---
                """ + FAILED_LOGON;
        Correlate.Linked linked = Correlate.link(few);
        InMemoryCorrelationState state = new InMemoryCorrelationState();
        CorrelationEngine engine = new CorrelationEngine(linked.correlations().correlations(), state);
        for (Event e : List.of(failedLogon(1, 0, "10.0.0.1", "a"), failedLogon(2, 5, "10.0.0.2", "a"))) {
            engine.accept(Detection.of(linked.rules().get(0).info(), e));
        }
        GroupKey first = new GroupKey("99999999-0000-0000-0000-000000000002", List.of("10.0.0.1"));
        assertEquals(List.of(), engine.expire(first, at(60)), "its window (0..60 s) has not ended yet");
        List<Detection> ended = engine.expire(first, at(61));
        assertEquals(List.of(1L), ended.stream().flatMap(d -> d.events().stream()).map(r -> r.recordId()).toList());
        assertEquals(1, state.size(), "the other group is untouched");
    }

    @Test
    void detectionsWithoutAReadableTimeAreCountedAndIgnored() {
        Correlate.Linked linked = Correlate.link(RULES);
        CorrelationEngine engine = new CorrelationEngine(linked.correlations().correlations(),
                new InMemoryCorrelationState());
        Event untimed = Event.builder("t").add("Channel", "Security").add("EventID", "4625").add("LogonType", "3")
                .add("TimeCreated_SystemTime", "yesterday").build();
        assertEquals(List.of(), engine.accept(Detection.of(linked.rules().get(0).info(), untimed)));
        assertEquals(1, engine.ignored());
    }
}
