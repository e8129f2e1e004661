package org.dotlink.sigma.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dotlink.core.Level;
import org.dotlink.sigma.rule.CorrelationCondition.Bound;
import org.dotlink.sigma.rule.CorrelationCondition.Operator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Correlation and filter documents, rule names, and loading from a reader. */
class CorrelationLoadingTest {

    @TempDir
    Path tmp;

    private static RuleLoader.Result load(String yaml) {
        return RuleLoader.load("rules.yml", new StringReader(yaml));
    }

    @Test
    void readsEveryPartOfACorrelation() {
        RuleLoader.Result r = load("""
                title: Failed logon then connection
                id: 9d5b7f5e-0b36-4a4b-8d3e-2f4d8c1e7a10
                name: failed_then_connect
                status: experimental
                level: high
                tags: [attack.credential-access, attack.t1110.001]
                correlation:
                    type: value_count
                    rules:
                        - failed_logon
                        - 5638f7c0-ac70-491d-8465-2a65075e0d86
                    group-by: [ip, TargetUserName]
                    timespan: 90m
                    condition:
                        field: WorkstationName
                        gt: 10
                        lte: 200
                    aliases:
                        ip: {failed_logon: IpAddress, 5638f7c0-ac70-491d-8465-2a65075e0d86: SourceIp}
                    generate: true
                """);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(), r.rules());
        CorrelationRule c = r.correlations().get(0);
        assertEquals("9d5b7f5e-0b36-4a4b-8d3e-2f4d8c1e7a10", c.id());
        assertEquals("failed_then_connect", c.name());
        assertEquals(CorrelationType.VALUE_COUNT, c.type());
        assertEquals(List.of("failed_logon", "5638f7c0-ac70-491d-8465-2a65075e0d86"), c.rules());
        assertEquals(List.of("ip", "TargetUserName"), c.groupBy());
        assertEquals(Duration.ofMinutes(90), c.timespan());
        assertEquals(new CorrelationCondition(List.of(new Bound(Operator.GT, 10), new Bound(Operator.LTE, 200)),
                Optional.of("WorkstationName"), Optional.empty()), c.condition());
        assertEquals(Map.of("ip", Map.of("failed_logon", "IpAddress", "5638f7c0-ac70-491d-8465-2a65075e0d86",
                "SourceIp")), c.aliases());
        assertEquals(true, c.generate());
        assertEquals("rules.yml:1", c.source());
        assertEquals(Level.HIGH, c.info().level());
        assertEquals(List.of("T1110.001"), c.info().techniques());
    }

    @Test
    void timespansAndDefaults() {
        RuleLoader.Result r = load("""
                title: t
                correlation: {type: temporal, rules: [a, b, a], timespan: 30s}
                ---
                title: u
                correlation: {type: event_count, rules: [a], timespan: 1d, condition: {gte: 3}}
                ---
                title: v
                correlation: {type: value_percentile, rules: [a], timespan: 2h,
                              condition: {field: Bytes, percentile: 95, gt: 1e6}}
                """);
        assertEquals(List.of(), r.problems());
        CorrelationRule t = r.correlations().get(0);
        assertEquals(Duration.ofSeconds(30), t.timespan());
        assertEquals(List.of(new Bound(Operator.GTE, 2)), t.condition().bounds(), "temporal: every distinct rule");
        assertEquals(List.of(), t.groupBy());
        assertEquals(false, t.generate());
        assertEquals(Duration.ofDays(1), r.correlations().get(1).timespan());
        assertEquals(Optional.of(95.0), r.correlations().get(2).condition().percentile());
        assertEquals(List.of(new Bound(Operator.GT, 1e6)), r.correlations().get(2).condition().bounds());
    }

    @Test
    void aMalformedCorrelationIsAProblemWithItsLineAndCostsOnlyItself() {
        RuleLoader.Result r = load("""
                title: unknown type
                correlation: {type: event_sum, rules: [a], timespan: 1m, condition: {gte: 2}}
                ---
                title: no timespan
                correlation: {type: event_count, rules: [a], condition: {gte: 2}}
                ---
                title: bad timespan
                correlation: {type: event_count, rules: [a], timespan: 5 minutes, condition: {gte: 2}}
                ---
                title: bad count
                correlation: {type: event_count, rules: [a], timespan: 5m, condition: {gte: many}}
                ---
                title: no condition
                correlation: {type: event_count, rules: [a], timespan: 5m}
                ---
                title: no field
                correlation: {type: value_count, rules: [a], timespan: 5m, condition: {gte: 2}}
                ---
                title: no percentile
                correlation: {type: value_percentile, rules: [a], timespan: 5m, condition: {field: x, gte: 2}}
                ---
                title: unknown operator
                correlation: {type: event_count, rules: [a], timespan: 5m, condition: {ge: 2}}
                ---
                title: unknown key
                correlation: {type: event_count, rules: [a], groupby: [x], timespan: 5m, condition: {gte: 2}}
                ---
                title: no rules
                correlation: {type: event_count, timespan: 5m, condition: {gte: 2}}
                ---
                title: field on a count
                correlation: {type: event_count, rules: [a], timespan: 5m, condition: {field: x, gte: 2}}
                ---
                title: fine
                correlation: {type: event_count, rules: [a], timespan: 5m, condition: {gte: 2}}
                """);
        assertEquals(List.of("fine"), r.correlations().stream().map(CorrelationRule::title).toList());
        assertEquals(List.of(
                "rules.yml:1: unknown correlation type 'event_sum' (known: event_count, value_count, temporal,"
                        + " temporal_ordered, value_sum, value_avg, value_percentile)",
                "rules.yml:4: no 'correlation.timespan' (such as 30s, 5m, 1h, 1d)",
                "rules.yml:7: 'correlation.timespan' is '5 minutes'; expected a positive number and s, m, h or d (such"
                        + " as 30s, 5m, 1h, 1d)",
                "rules.yml:10: 'correlation.condition.gte' must be a number, not 'many'",
                "rules.yml:13: no 'correlation.condition': event_count needs one (such as 'gte: 10')",
                "rules.yml:16: value_count needs 'correlation.condition.field': the field whose values it measures",
                "rules.yml:19: value_percentile needs 'correlation.condition.percentile' (0 to 100)",
                "rules.yml:22: unknown key 'correlation.condition.ge' (known: gt, gte, lt, lte, eq, neq, field,"
                        + " percentile)",
                "rules.yml:25: unknown key 'correlation.groupby' (known: aliases, condition, generate, group-by, rules,"
                        + " timespan, type)",
                "rules.yml:28: no 'correlation.rules': a correlation names the rules it correlates",
                "rules.yml:31: 'correlation.condition.field' does not apply to event_count"),
                r.problems().stream().map(RuleProblem::toString).toList());
    }

    @Test
    void detectionRulesKeepTheirName() throws Exception {
        Path f = tmp.resolve("named.yml");
        Files.writeString(f, """
                title: Failed logon
                id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
                name: failed_login
                logsource: {product: windows, service: security}
                detection: {selection: {EventID: 4625}, condition: selection}
                ---
                title: No name
                logsource: {product: windows, service: security}
                detection: {selection: {EventID: 4624}, condition: selection}
                """);
        List<SigmaRule> rules = RuleLoader.load(f).rules();
        assertEquals(List.of("failed_login", ""), rules.stream().map(SigmaRule::name).toList());
        assertEquals(true, rules.get(0).isNamedBy("failed_login"));
        assertEquals(true, rules.get(0).isNamedBy("53ba33fd-3a50-4468-a5ef-c583635cfa92"));
        assertEquals(false, rules.get(1).isNamedBy(""), "an absent name or id names nothing");
        SigmaRule old = new SigmaRule("id", "t", "low", "test", List.of(), Logsource.ANY, List.of(), List.of("x"), "s");
        assertEquals("", old.name(), "the constructor without a name still works");
    }

    @Test
    void aReaderIsLoadedUnderTheGivenSourceName() {
        RuleLoader.Result r = RuleLoader.load("builtin/rules.yml", new StringReader("""
                title: one
                logsource: {product: windows}
                detection: {sel: {EventID: 1}, condition: sel}
                ---
                title: broken
                logsource: {product: windows}
                """));
        assertEquals("builtin/rules.yml:1", r.rules().get(0).source());
        assertEquals(List.of("builtin/rules.yml:5: no 'detection' mapping"),
                r.problems().stream().map(RuleProblem::toString).toList());
        RuleLoader.Result bad = RuleLoader.load("x.yml", new StringReader("title: [unclosed\n"));
        assertEquals("x.yml", bad.problems().get(0).file());
    }

    @Test
    void filtersAreLoadedAndCheckedAtLoad() {
        RuleLoader.Result r = load("""
                title: Admins run whoami
                logsource: {category: process_creation, product: windows}
                filter:
                    rules: [whoami, 0e95725d-7320-415d-80f7-004da920fc11]
                    selection: {User|startswith: 'CORP\\adm_'}
                    keep: {CommandLine|contains: '/all'}
                    condition: selection and not keep
                ---
                title: Bad filter condition
                logsource: {category: process_creation, product: windows}
                filter: {rules: [whoami], selection: {User: x}, condition: selection and other}
                ---
                title: Filter without rules
                logsource: {category: process_creation, product: windows}
                filter: {selection: {User: x}, condition: selection}
                """);
        SigmaFilter f = r.filters().get(0);
        assertEquals(List.of("whoami", "0e95725d-7320-415d-80f7-004da920fc11"), f.rules());
        assertEquals(List.of("selection", "keep"), f.identifiers());
        assertEquals(List.of("selection and not keep"), f.conditions());
        assertEquals(Optional.of("process_creation"), f.logsource().category());
        assertEquals(1, r.filters().size());
        assertEquals(List.of(9, 13), r.problems().stream().map(RuleProblem::line).toList());
        assertEquals(true, r.problems().get(0).message().startsWith("filter condition 'selection and other': "),
                r.problems().toString());
        assertEquals("no 'filter.rules': a filter names the rules it applies to", r.problems().get(1).message());
    }
}
