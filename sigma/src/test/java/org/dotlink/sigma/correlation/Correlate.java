package org.dotlink.sigma.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.EventRef;
import org.dotlink.core.IsoTime;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.compile.RuleCompiler;
import org.dotlink.sigma.logsource.LogsourceMapping;
import org.dotlink.sigma.rule.RuleLoader;

/**
 * Test driver: loads rules from YAML text, compiles and links them, and runs events (given in time order)
 * through the detection rules and a correlation engine, as the batch pipeline does.
 */
final class Correlate {

    /** 2024-05-01T10:00:00Z, the time tests count seconds from. */
    static final long T0 = 1_714_557_600L;

    /** What a run reported: the correlation detections and the detection rules' own detections. */
    record Run(List<Detection> correlations, List<Detection> base, CorrelationEngine engine) {

        /** The record ids of each correlation detection's events. */
        List<List<Long>> records() {
            return correlations.stream().map(d -> d.events().stream().map(EventRef::recordId).toList()).toList();
        }

        List<String> titles() {
            return correlations.stream().map(d -> d.rule().title()).toList();
        }
    }

    /** Loaded, compiled and linked rules. */
    record Linked(RuleLoader.Result loaded, List<CompiledRule> rules, CorrelationCompiler.Result correlations) {}

    private Correlate() {}

    static Linked link(String yaml) {
        RuleLoader.Result loaded = RuleLoader.load("test.yml", new StringReader(yaml));
        RuleCompiler compiler = new RuleCompiler(LogsourceMapping.builtIn(), Map.of(), loaded.filters());
        List<CompiledRule> rules = loaded.rules().stream().map(compiler::compile).toList();
        return new Linked(loaded, rules, CorrelationCompiler.compile(loaded.correlations(), rules));
    }

    /** Runs the events through the rules of {@code yaml}, which must load and link without problems. */
    static Run run(String yaml, List<Event> events) {
        Linked l = link(yaml);
        assertEquals(List.of(), l.loaded().problems());
        assertEquals(List.of(), l.correlations().problems());
        return run(l, events);
    }

    static Run run(Linked l, List<Event> events) {
        CorrelationEngine engine = new CorrelationEngine(l.correlations().correlations(),
                new InMemoryCorrelationState());
        List<Detection> correlations = new ArrayList<>();
        List<Detection> base = new ArrayList<>();
        for (Event e : events) {
            for (CompiledRule r : l.rules()) {
                if (r.matches(e)) {
                    Detection d = Detection.of(r.info(), e);
                    if (engine.reports(d.rule())) {
                        base.add(d);
                    }
                    correlations.addAll(engine.accept(d));
                }
            }
        }
        correlations.addAll(engine.finish());
        return new Run(correlations, base, engine);
    }

    /** {@code seconds} after {@link #T0}, as events write it. */
    static String at(double seconds) {
        long whole = (long) Math.floor(seconds);
        return IsoTime.format(T0 + whole, (int) Math.round((seconds - whole) * 10_000_000));
    }

    /** An event with a record id and a time, and the given name/value pairs. */
    static Event event(long recordId, double seconds, String... nameValue) {
        Event.Builder b = Event.builder("test.evtx");
        b.add("EventRecordID", String.valueOf(recordId));
        b.add("TimeCreated_SystemTime", at(seconds));
        for (int i = 0; i < nameValue.length; i += 2) {
            b.add(nameValue[i], nameValue[i + 1]);
        }
        return b.build();
    }

    /** A failed network logon (Security 4625, logon type 3) on DC1. */
    static Event failedLogon(long recordId, double seconds, String ip, String user) {
        return event(recordId, seconds, "Channel", "Security", "Computer", "DC1", "EventID", "4625", "LogonType", "3",
                "IpAddress", ip, "TargetUserName", user);
    }

    /** A successful network logon (Security 4624, logon type 3) on DC1. */
    static Event logon(long recordId, double seconds, String ip, String user) {
        return event(recordId, seconds, "Channel", "Security", "Computer", "DC1", "EventID", "4624", "LogonType", "3",
                "IpAddress", ip, "TargetUserName", user);
    }

    /** The base rule of most tests: failed network logons, by name {@code failed_logon}. */
    static final String FAILED_LOGON = """
            title: Failed network logon
            id: 11111111-0000-0000-0000-000000000001
            name: failed_logon
            logsource: {product: windows, service: security}
            detection:
                selection: {EventID: 4625, LogonType: 3}
                condition: selection
            level: informational
            """;

    /** Successful network logons, by name {@code successful_logon}. */
    static final String SUCCESSFUL_LOGON = """
            title: Successful network logon
            id: 11111111-0000-0000-0000-000000000002
            name: successful_logon
            logsource: {product: windows, service: security}
            detection:
                selection: {EventID: 4624, LogonType: 3}
                condition: selection
            level: informational
            """;
}
