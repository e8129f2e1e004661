package org.dotlink.sigma.correlation;

import static org.dotlink.sigma.correlation.Correlate.FAILED_LOGON;
import static org.dotlink.sigma.correlation.Correlate.at;
import static org.dotlink.sigma.correlation.Correlate.failedLogon;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Level;
import org.junit.jupiter.api.Test;

/** event_count: failed logons from one source address within a minute. */
class EventCountTest {

    private static final String RULES = """
            title: Many failed logons from one source
            id: 22222222-0000-0000-0000-000000000001
            level: high
            tags: [attack.credential-access, attack.t1110.001]
            correlation:
                type: event_count
                rules: [failed_logon]
                group-by: [IpAddress]
                timespan: 1m
                condition: {gte: 5}
            ---
            """ + FAILED_LOGON;

    @Test
    void fiveFailedLogonsFromOneSourceWithinTheTimespanFire() {
        List<Event> events = List.of(
                failedLogon(1, 0, "10.0.0.9", "admin"),
                failedLogon(2, 10, "10.0.0.9", "admin"),
                failedLogon(3, 12, "10.0.0.7", "bob"), // another source: its own group
                failedLogon(4, 20, "10.0.0.9", "root"),
                failedLogon(5, 30, "10.0.0.9", "admin"),
                failedLogon(6, 40, "10.0.0.9", "guest"));
        Correlate.Run run = Correlate.run(RULES, events);
        assertEquals(1, run.correlations().size());
        Detection d = run.correlations().get(0);
        assertEquals(List.of(List.of(1L, 2L, 4L, 5L, 6L)), run.records());
        assertEquals(Map.of("IpAddress", "10.0.0.9"), d.groupBy());
        assertEquals("DC1", d.host());
        assertEquals(at(40), d.time());
        assertEquals(null, d.event());
        assertEquals(Level.HIGH, d.rule().level());
        assertEquals(List.of("T1110.001"), d.rule().techniques());
        assertEquals(List.of("credential-access"), d.rule().tactics());
        assertEquals("22222222-0000-0000-0000-000000000001", d.rule().id());
        assertEquals(List.of(), run.base(), "without generate the failed logons are not reported on their own");
    }

    @Test
    void fourFailedLogonsAreJustBelowTheThreshold() {
        List<Event> events = List.of(
                failedLogon(1, 0, "10.0.0.9", "admin"),
                failedLogon(2, 10, "10.0.0.9", "admin"),
                failedLogon(3, 20, "10.0.0.9", "admin"),
                failedLogon(4, 30, "10.0.0.9", "admin"),
                failedLogon(5, 35, "10.0.0.7", "admin"));
        assertEquals(List.of(), Correlate.run(RULES, events).correlations());
    }

    @Test
    void theTimespanIsASlidingWindowWithBothEndsIncluded() {
        // 0, 20, 40, 59, 61: no minute holds five (0..60 holds four, 20..80 holds four)
        List<Event> spread = List.of(
                failedLogon(1, 0, "10.0.0.9", "admin"),
                failedLogon(2, 20, "10.0.0.9", "admin"),
                failedLogon(3, 40, "10.0.0.9", "admin"),
                failedLogon(4, 59, "10.0.0.9", "admin"),
                failedLogon(5, 61, "10.0.0.9", "admin"));
        assertEquals(List.of(), Correlate.run(RULES, spread).correlations());
        // 0, 15, 30, 45, 60: exactly one minute from first to last is within the timespan
        List<Event> edge = List.of(
                failedLogon(1, 0, "10.0.0.9", "admin"),
                failedLogon(2, 15, "10.0.0.9", "admin"),
                failedLogon(3, 30, "10.0.0.9", "admin"),
                failedLogon(4, 45, "10.0.0.9", "admin"),
                failedLogon(5, 60, "10.0.0.9", "admin"));
        assertEquals(List.of(List.of(1L, 2L, 3L, 4L, 5L)), Correlate.run(RULES, edge).records());
        // the same just past the edge
        List<Event> past = List.of(
                failedLogon(1, 0, "10.0.0.9", "admin"),
                failedLogon(2, 15, "10.0.0.9", "admin"),
                failedLogon(3, 30, "10.0.0.9", "admin"),
                failedLogon(4, 45, "10.0.0.9", "admin"),
                failedLogon(5, 60.001, "10.0.0.9", "admin"));
        assertEquals(List.of(), Correlate.run(RULES, past).correlations());
    }

    @Test
    void aGroupFiresOncePerWindowAndAgainOnlyAfterTheWindowThatFiredHasEnded() {
        List<Event> events = new ArrayList<>();
        // a burst: one failed logon every 5 s from 0 to 55 s (12); the 5th (20 s) fires, the rest fall in the same minute
        for (int i = 0; i < 12; i++) {
            events.add(failedLogon(i + 1, i * 5, "10.0.0.9", "admin"));
        }
        // after the window that fired (0..60 s): 5 more from 61 to 81 s fire again
        for (int i = 0; i < 5; i++) {
            events.add(failedLogon(100 + i, 61 + i * 5, "10.0.0.9", "admin"));
        }
        Correlate.Run run = Correlate.run(RULES, events);
        assertEquals(List.of(List.of(1L, 2L, 3L, 4L, 5L), List.of(100L, 101L, 102L, 103L, 104L)), run.records());
        assertEquals(List.of(at(20), at(81)), run.correlations().stream().map(Detection::time).toList());
    }

    @Test
    void theHostIsEmptyWhenTheEventsCameFromSeveralHosts() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(Correlate.event(i + 1, i, "Channel", "Security", "Computer", i < 3 ? "DC1" : "DC2", "EventID",
                    "4625", "LogonType", "3", "IpAddress", "10.0.0.9", "TargetUserName", "admin"));
        }
        Correlate.Run run = Correlate.run(RULES, events);
        assertEquals(1, run.correlations().size());
        assertEquals("", run.correlations().get(0).host());
    }

    @Test
    void anUpperBoundIsJudgedOverConsecutiveWindowsWhenTheyHaveEnded() {
        String few = """
                title: A few failed logons from one source
                id: 22222222-0000-0000-0000-000000000002
                correlation:
                    type: event_count
                    rules: [failed_logon]
                    group-by: [IpAddress]
                    timespan: 1m
                    condition: {gte: 2, lt: 4}
                ---
                """ + FAILED_LOGON;
        List<Event> events = List.of(
                failedLogon(1, 0, "10.0.0.1", "a"), // 10.0.0.1: 5 in its window (0..60 s)
                failedLogon(2, 1, "10.0.0.1", "a"),
                failedLogon(3, 2, "10.0.0.2", "a"), // 10.0.0.2: 3 in its window (2..62 s)
                failedLogon(4, 3, "10.0.0.1", "a"),
                failedLogon(5, 4, "10.0.0.1", "a"),
                failedLogon(6, 5, "10.0.0.2", "a"),
                failedLogon(7, 6, "10.0.0.1", "a"),
                failedLogon(8, 7, "10.0.0.2", "a"),
                failedLogon(9, 70, "10.0.0.1", "a"), // 10.0.0.1's next window (70..130 s): 2
                failedLogon(10, 80, "10.0.0.1", "a"),
                failedLogon(11, 200, "10.0.0.3", "a")); // moves time past every window
        Correlate.Run run = Correlate.run(few, events);
        // the event at 70 s shows the first windows have ended (10.0.0.2's fires), the one at 200 s the last
        assertEquals(List.of(List.of(3L, 6L, 8L), List.of(9L, 10L)), run.records());
        assertEquals(List.of(Map.of("IpAddress", "10.0.0.2"), Map.of("IpAddress", "10.0.0.1")),
                run.correlations().stream().map(Detection::groupBy).toList());
        assertEquals(List.of(at(7), at(80)), run.correlations().stream().map(Detection::time).toList());
    }
}
