package org.dotlink.sigma.correlation;

import static org.dotlink.sigma.correlation.Correlate.FAILED_LOGON;
import static org.dotlink.sigma.correlation.Correlate.SUCCESSFUL_LOGON;
import static org.dotlink.sigma.correlation.Correlate.event;
import static org.dotlink.sigma.correlation.Correlate.failedLogon;
import static org.dotlink.sigma.correlation.Correlate.logon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.EventRef;
import org.dotlink.core.RuleInfo;
import org.junit.jupiter.api.Test;

/** Correlations of correlations, {@code generate}, and {@code aliases}. */
class ChainingTest {

    private static String bruteForceThenLogon(String generate) {
        return """
                title: Failed logons followed by a successful logon
                id: 66666666-0000-0000-0000-000000000001
                correlation:
                    type: temporal_ordered
                    rules: [many_failed, successful_logon]
                    group-by: [TargetUserName]
                    timespan: 10m
                    generate: %s
                level: high
                ---
                title: Many failed logons
                id: 66666666-0000-0000-0000-000000000002
                name: many_failed
                correlation:
                    type: event_count
                    rules: [failed_logon]
                    group-by: [TargetUserName]
                    timespan: 10m
                    condition: {gte: 3}
                ---
                """.formatted(generate) + FAILED_LOGON + "---\n" + SUCCESSFUL_LOGON;
    }

    private static final List<Event> EVENTS = List.of(
            failedLogon(1, 0, "10.0.0.9", "alice"),
            failedLogon(2, 5, "10.0.0.9", "bob"),
            logon(3, 8, "10.0.0.4", "carol"), // a logon without failures before it
            failedLogon(4, 10, "10.0.0.9", "alice"),
            failedLogon(5, 15, "10.0.0.9", "bob"),
            failedLogon(6, 20, "10.0.0.9", "alice"), // alice: 3 failures, the inner correlation fires
            failedLogon(7, 25, "10.0.0.9", "bob"), // bob: 3 failures but no logon after them
            logon(8, 60, "10.0.0.9", "alice"));

    @Test
    void aCorrelationOfACorrelationFires() {
        Correlate.Run run = Correlate.run(bruteForceThenLogon("false"), EVENTS);
        assertEquals(List.of("Failed logons followed by a successful logon"), run.titles());
        assertEquals(List.of(List.of(1L, 4L, 6L, 8L)), run.records());
        Detection d = run.correlations().get(0);
        assertEquals(Map.of("TargetUserName", "alice"), d.groupBy());
        assertEquals("DC1", d.host());
        assertEquals(List.of(), run.base(), "nothing referenced says generate");
    }

    @Test
    void generateReportsTheReferencedRulesToo() {
        Correlate.Run run = Correlate.run(bruteForceThenLogon("true"), EVENTS);
        assertEquals(List.of("Many failed logons", "Many failed logons", "Failed logons followed by a successful logon"),
                run.titles());
        assertEquals(List.of(List.of(1L, 4L, 6L), List.of(2L, 5L, 7L), List.of(1L, 4L, 6L, 8L)), run.records());
        // the successful logons are referenced with generate: true; the failed ones only by the inner correlation
        assertEquals(List.of(3L, 8L), run.base().stream().map(b -> b.event().recordId()).toList());
        CorrelationEngine engine = run.engine();
        assertTrue(engine.reports(info("11111111-0000-0000-0000-000000000002")));
        assertFalse(engine.reports(info("11111111-0000-0000-0000-000000000001")));
        assertTrue(engine.reports(info("some-rule-no-correlation-references")));
    }

    @Test
    void generateOnAnEventCountReportsEveryFailedLogon() {
        String rules = """
                title: Many failed logons
                id: 66666666-0000-0000-0000-000000000003
                correlation:
                    type: event_count
                    rules: [failed_logon]
                    group-by: [IpAddress]
                    timespan: 10m
                    condition: {gte: 3}
                    generate: true
                ---
                """ + FAILED_LOGON;
        Correlate.Run run = Correlate.run(rules, EVENTS);
        assertEquals(List.of(1L, 2L, 4L, 5L, 6L, 7L), run.base().stream().map(b -> b.event().recordId()).toList());
        assertEquals(List.of(List.of(1L, 2L, 4L)), run.records());
    }

    @Test
    void aliasesGroupDifferentFieldsOfDifferentRules() {
        String rules = """
                title: Failed logon from an address the host then connects to
                id: 66666666-0000-0000-0000-000000000004
                correlation:
                    type: temporal_ordered
                    rules: [failed_logon, outbound]
                    group-by: [address]
                    timespan: 5m
                    aliases:
                        address:
                            failed_logon: IpAddress
                            outbound: DestinationIp
                ---
                title: Outbound connection
                id: 66666666-0000-0000-0000-000000000005
                name: outbound
                logsource: {category: network_connection, product: windows}
                detection: {selection: {Initiated: 'true'}, condition: selection}
                ---
                """ + FAILED_LOGON;
        List<Event> events = List.of(
                failedLogon(1, 0, "10.0.0.9", "alice"),
                connection(2, 30, "10.0.0.8"), // another address
                connection(3, 60, "10.0.0.9"),
                connection(4, 90, "10.0.0.7"),
                failedLogon(5, 120, "10.0.0.7", "bob")); // the wrong order for 10.0.0.7
        Correlate.Run run = Correlate.run(rules, events);
        assertEquals(List.of(List.of(1L, 3L)), run.records());
        assertEquals(Map.of("address", "10.0.0.9"), run.correlations().get(0).groupBy());
        assertEquals("", run.correlations().get(0).host(), "DC1 logged the logon, WS1 the connection");
        assertEquals(List.of(new EventRef("test.evtx", 1, Correlate.at(0)), new EventRef("test.evtx", 3, Correlate.at(60))),
                run.correlations().get(0).events());
    }

    /** Sysmon event 3 on WS1: an outbound connection. */
    private static Event connection(long record, double seconds, String destination) {
        return event(record, seconds, "Channel", "Microsoft-Windows-Sysmon/Operational", "Computer", "WS1", "EventID",
                "3", "Initiated", "true", "DestinationIp", destination);
    }

    private static RuleInfo info(String id) {
        return new RuleInfo(id, "", org.dotlink.core.Level.LOW, List.of(), List.of(), List.of());
    }
}
