package org.dotlink.sigma.correlation;

import static org.dotlink.sigma.correlation.Correlate.FAILED_LOGON;
import static org.dotlink.sigma.correlation.Correlate.failedLogon;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.dotlink.core.Event;
import org.junit.jupiter.api.Test;

/** value_count: distinct user names tried from one source address (password spraying). */
class ValueCountTest {

    private static final String RULES = """
            title: Many accounts tried from one source
            id: 33333333-0000-0000-0000-000000000001
            correlation:
                type: value_count
                rules: [failed_logon]
                group-by: [IpAddress]
                timespan: 5m
                condition:
                    field: TargetUserName
                    gte: 3
            ---
            """ + FAILED_LOGON;

    @Test
    void threeDistinctUsersFromOneSourceFire() {
        List<Event> events = List.of(
                failedLogon(1, 0, "10.0.0.9", "alice"),
                failedLogon(2, 10, "10.0.0.9", "alice"), // a repeat: an event of the window, not a new value
                failedLogon(3, 20, "10.0.0.5", "carol"),
                failedLogon(4, 30, "10.0.0.9", "bob"),
                failedLogon(5, 40, "10.0.0.5", "dave"),
                failedLogon(6, 50, "10.0.0.9", "carol"),
                failedLogon(7, 60, "10.0.0.9", "erin")); // after firing: same window, absorbed
        Correlate.Run run = Correlate.run(RULES, events);
        assertEquals(List.of(List.of(1L, 2L, 4L, 6L)), run.records());
        assertEquals(Map.of("IpAddress", "10.0.0.9"), run.correlations().get(0).groupBy());
    }

    @Test
    void oneUserTriedOftenIsNotManyUsers() {
        List<Event> events = List.of(
                failedLogon(1, 0, "10.0.0.9", "alice"),
                failedLogon(2, 10, "10.0.0.9", "alice"),
                failedLogon(3, 20, "10.0.0.9", "ALICE"), // values are compared ignoring case, as Sigma does
                failedLogon(4, 30, "10.0.0.9", "bob"),
                failedLogon(5, 40, "10.0.0.9", "bob"));
        assertEquals(List.of(), Correlate.run(RULES, events).correlations());
    }

    @Test
    void eventsWithoutTheFieldAreNotCounted() {
        List<Event> events = List.of(
                failedLogon(1, 0, "10.0.0.9", "alice"),
                failedLogon(2, 10, "10.0.0.9", "bob"),
                Correlate.event(3, 20, "Channel", "Security", "Computer", "DC1", "EventID", "4625", "LogonType", "3",
                        "IpAddress", "10.0.0.9"),
                failedLogon(4, 400, "10.0.0.9", "carol")); // a third user, but out of the window
        assertEquals(List.of(), Correlate.run(RULES, events).correlations());
    }
}
