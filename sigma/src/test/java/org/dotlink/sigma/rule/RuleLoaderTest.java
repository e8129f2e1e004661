package org.dotlink.sigma.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dotlink.sigma.SigmaHq;
import org.dotlink.sigma.condition.ConditionParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsEveryPartOfADetectionRule() throws Exception {
        Path f = tmp.resolve("rule.yml");
        Files.writeString(f, """
                title: Suspicious LSASS access
                id: 0d894093-71bc-43c3-8c4d-ecfa28dcd5c9
                status: test
                level: high
                tags:
                    - attack.credential_access
                    - attack.t1003.001
                    - attack.s0002
                logsource:
                    category: process_access
                    product: windows
                detection:
                    selection:
                        TargetImage|endswith: '\\lsass.exe'
                        GrantedAccess:
                            - '0x1010'
                            - 0x1410
                    selection_alt:
                        - CallTrace|contains: 'dbghelp.dll'
                        - CallTrace|contains|all: ['dbgcore.dll', 'UNKNOWN']
                    keywords:
                        - 'sekurlsa'
                        - 'logonpasswords'
                    filter_null:
                        SourceImage: null
                    condition: (selection or 1 of selection_*) and not filter_null or keywords
                """);
        RuleLoader.Result r = RuleLoader.load(f);
        assertEquals(List.of(), r.problems());
        SigmaRule rule = r.rules().get(0);
        assertEquals("0d894093-71bc-43c3-8c4d-ecfa28dcd5c9", rule.id());
        assertEquals("high", rule.level());
        assertEquals(List.of("T1003.001"), rule.techniques());
        assertEquals(List.of("credential-access"), rule.tactics());
        assertEquals(Optional.of("process_access"), rule.logsource().category());
        assertEquals(List.of("selection", "selection_alt", "keywords", "filter_null"), rule.identifiers());
        List<DetectionItem> selection = rule.detection().get(0).groups().get(0);
        assertEquals(new DetectionItem(Optional.of("TargetImage"), List.of("endswith"), List.of("\\lsass.exe")),
                selection.get(0));
        assertEquals(Arrays.asList("0x1010", 5136), selection.get(1).values(), "text stays text, numbers are numbers");
        assertEquals(2, rule.detection().get(1).groups().size(), "a list of maps is OR of groups");
        assertEquals(List.of("contains", "all"), rule.detection().get(1).groups().get(1).get(0).modifiers());
        DetectionItem keywords = rule.detection().get(2).groups().get(0).get(0);
        assertEquals(Optional.empty(), keywords.field());
        assertEquals(List.of("sekurlsa", "logonpasswords"), keywords.values());
        assertEquals(Arrays.asList((Object) null), rule.detection().get(3).groups().get(0).get(0).values());
        ConditionParser.parse(rule.conditions().get(0)).resolve(rule.identifiers());
    }

    @Test
    void aBrokenDocumentCostsOnlyItself() throws Exception {
        Path f = tmp.resolve("several.yml");
        Files.writeString(f, """
                title: first
                logsource: {product: windows}
                detection: {sel: {EventID: 1}, condition: sel}
                ---
                title: second, no detection
                logsource: {product: windows}
                ---
                title: third
                logsource: {product: windows}
                detection: {sel: {EventID: 3}, condition: sel}
                """);
        RuleLoader.Result r = RuleLoader.load(f);
        assertEquals(List.of("first", "third"), r.rules().stream().map(SigmaRule::title).toList());
        assertEquals(1, r.problems().size());
        assertEquals(5, r.problems().get(0).line());
        assertTrue(r.problems().get(0).toString().endsWith("several.yml:5: no 'detection' mapping"), r.problems().toString());
    }

    @Test
    void invalidYamlIsReportedWithItsLine() throws Exception {
        Path f = tmp.resolve("bad.yml");
        Files.writeString(f, "title: x\ndetection:\n  sel: [unclosed\n  condition: sel\n");
        RuleLoader.Result r = RuleLoader.load(f);
        assertEquals(List.of(), r.rules());
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).message().startsWith("not valid YAML"), r.problems().toString());
        assertTrue(r.problems().get(0).line() >= 3, r.problems().toString());
    }

    @Test
    void everySigmaHqRuleLoads() {
        RuleLoader.Result all = SigmaHq.allRules();
        long windows = all.rules().stream().filter(x -> x.logsource().product().equals(Optional.of("windows"))).count();
        System.out.println("SigmaHQ rules loaded: " + all.rules().size() + " (" + windows + " for windows), problems: "
                + all.problems().size());
        assertEquals(List.of(), all.problems());
        assertEquals(3754, all.rules().size());
        assertEquals(2858, windows);
    }

    @Test
    void foldersAreReadRecursivelyAndAMissingPathIsAProblem() throws Exception {
        Path nested = Files.createDirectories(tmp.resolve("a/b"));
        Files.writeString(nested.resolve("r.yaml"), "title: r\nlogsource: {product: windows}\n"
                + "detection: {sel: {EventID: 1}, condition: sel}\n");
        Files.writeString(tmp.resolve("a/notes.txt"), "not a rule");
        RuleLoader.Result r = RuleLoader.loadAll(List.of(tmp.resolve("a"), tmp.resolve("missing")));
        assertEquals(List.of("r"), r.rules().stream().map(SigmaRule::title).toList());
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).file().endsWith("missing"), r.problems().toString());
    }
}
