package org.dotlink.sigma.correlation;

import static org.dotlink.sigma.correlation.Correlate.FAILED_LOGON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dotlink.sigma.rule.RuleProblem;
import org.junit.jupiter.api.Test;

/** References that cannot be linked are problems at the correlation's document, and cost only that correlation. */
class LinkProblemsTest {

    private static List<String> problems(String yaml) {
        Correlate.Linked l = Correlate.link(yaml);
        assertEquals(List.of(), l.loaded().problems());
        return l.correlations().problems().stream().map(RuleProblem::toString).toList();
    }

    private static List<String> linked(String yaml) {
        return Correlate.link(yaml).correlations().correlations().stream().map(c -> c.rule().title()).toList();
    }

    @Test
    void anUnknownReferenceIsAProblemWithFileAndLine() {
        String yaml = FAILED_LOGON + """
                ---
                title: Good
                correlation: {type: event_count, rules: [failed_logon], timespan: 1m, condition: {gte: 2}}
                ---
                title: Typo
                correlation:
                    type: event_count
                    rules: [failed_logon, faild_logon]
                    timespan: 1m
                    condition: {gte: 2}
                """;
        assertEquals(List.of("test.yml:13: correlation 'Typo': 'rules' names 'faild_logon', which is the id or name of"
                + " no loaded rule or correlation"), problems(yaml));
        assertEquals(List.of("Good"), linked(yaml));
    }

    @Test
    void loopsAndWhatDependsOnThemFail() {
        String yaml = FAILED_LOGON + """
                ---
                title: A
                name: a
                correlation: {type: temporal, rules: [b, failed_logon], timespan: 1m}
                ---
                title: B
                name: b
                correlation: {type: temporal, rules: [a], timespan: 1m}
                ---
                title: C
                name: c
                correlation: {type: temporal, rules: [b], timespan: 1m}
                """;
        assertEquals(List.of(
                "test.yml:10: correlation 'A': its references loop: a -> b -> a",
                "test.yml:14: correlation 'B': it refers to correlation 'a', which could not be compiled",
                "test.yml:18: correlation 'C': it refers to correlation 'b', which could not be compiled"), problems(yaml));
        assertEquals(List.of(), linked(yaml));
    }

    @Test
    void groupingMustBeReadableInEveryReferencedRule() {
        String yaml = FAILED_LOGON + """
                ---
                title: Inner
                name: inner
                correlation: {type: event_count, rules: [failed_logon], group-by: [IpAddress], timespan: 1m,
                              condition: {gte: 2}}
                ---
                title: Outer by user
                correlation: {type: temporal, rules: [inner, failed_logon], group-by: [TargetUserName], timespan: 1m}
                ---
                title: Alias for a rule it does not use
                correlation:
                    type: event_count
                    rules: [failed_logon]
                    group-by: [ip]
                    timespan: 1m
                    condition: {gte: 2}
                    aliases:
                        ip: {failed_logon: IpAddress, other_rule: SourceIp}
                ---
                title: Alias missing a rule
                correlation:
                    type: temporal
                    rules: [failed_logon, inner]
                    group-by: [ip]
                    timespan: 1m
                    aliases:
                        ip: {failed_logon: IpAddress}
                """;
        assertEquals(List.of(
                "test.yml:15: correlation 'Outer by user': it reads 'TargetUserName' from correlation 'inner', whose"
                        + " detections only carry its group-by fields [IpAddress]",
                "test.yml:18: correlation 'Alias for a rule it does not use': 'aliases' names 'other_rule', which is"
                        + " not one of its 'rules'",
                "test.yml:28: correlation 'Alias missing a rule': alias 'ip' gives no field for rule 'inner'"),
                problems(yaml));
        assertEquals(List.of("Inner"), linked(yaml));
    }

    @Test
    void correlatedRulesNeedAnIdAndCorrelationsADistinctKey() {
        String yaml = """
                title: No id
                name: no_id
                logsource: {product: windows, service: security}
                detection: {selection: {EventID: 4625}, condition: selection}
                ---
                title: Uses the rule without id
                id: 88888888-0000-0000-0000-000000000001
                correlation: {type: event_count, rules: [no_id], timespan: 1m, condition: {gte: 2}}
                ---
                title: Same id again
                id: 88888888-0000-0000-0000-000000000001
                correlation: {type: event_count, rules: [no_id], timespan: 1m, condition: {gte: 2}}
                """;
        assertEquals(List.of(
                "test.yml:6: correlation 'Uses the rule without id': rule 'no_id' (test.yml:1) has no id; correlated"
                        + " rules need one",
                "test.yml:10: correlation 'Same id again': its id or name '88888888-0000-0000-0000-000000000001' is"
                        + " already used by the correlation at test.yml:6"), problems(yaml));
    }
}
