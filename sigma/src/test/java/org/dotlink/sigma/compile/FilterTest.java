package org.dotlink.sigma.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Event;
import org.dotlink.sigma.logsource.LogsourceMapping;
import org.dotlink.sigma.rule.RuleLoader;
import org.dotlink.sigma.rule.RuleProblem;
import org.dotlink.sigma.rule.SigmaFilter;
import org.junit.jupiter.api.Test;

/** Sigma filters: "rule and not filter" for the rules they name, with the rule's field mappings. */
class FilterTest {

    private static final String WHOAMI = """
            title: Whoami
            id: 77777777-0000-0000-0000-000000000001
            name: whoami
            logsource: {category: process_creation, product: windows}
            detection:
                selection: {Image|endswith: '\\whoami.exe'}
                condition: selection
            ---
            title: Ipconfig
            id: 77777777-0000-0000-0000-000000000002
            logsource: {category: process_creation, product: windows}
            detection:
                selection: {Image|endswith: '\\ipconfig.exe'}
                condition: selection
            """;

    private static final String ADMIN_FILTER = """
            ---
            title: Admins and the inventory tool may run them
            logsource: {category: process_creation, product: windows}
            filter:
                rules: [whoami, 77777777-0000-0000-0000-000000000002]
                admin: {User|startswith: 'CORP\\adm_'}
                inventory: {ParentImage|endswith: '\\inventory.exe'}
                interactive: {CommandLine|contains: '/all'}
                condition: (admin or inventory) and not interactive
            """;

    private static List<CompiledRule> compile(String yaml) {
        RuleLoader.Result r = RuleLoader.load("filters.yml", new StringReader(yaml));
        assertEquals(List.of(), r.problems());
        RuleCompiler compiler = new RuleCompiler(LogsourceMapping.builtIn(), Map.of(), r.filters());
        return r.rules().stream().map(compiler::compile).toList();
    }

    /** Sysmon process creation. */
    private static Event sysmon(String image, String user, String parent, String commandLine) {
        return Event.builder("t").add("Channel", "Microsoft-Windows-Sysmon/Operational").add("EventID", "1")
                .add("Image", image).add("User", user).add("ParentImage", parent).add("CommandLine", commandLine)
                .build();
    }

    /** Security 4688 process creation: the image and parent under their 4688 names. */
    private static Event security(String image, String parent) {
        return Event.builder("t").add("Channel", "Security").add("EventID", "4688").add("NewProcessName", image)
                .add("ParentProcessName", parent).add("SubjectUserName", "eve").build();
    }

    @Test
    void theFilterSuppressesMatchesOfTheRulesItNames() {
        List<CompiledRule> rules = compile(WHOAMI + ADMIN_FILTER);
        CompiledRule whoami = rules.get(0);
        CompiledRule ipconfig = rules.get(1);
        String exe = "C:\\Windows\\System32\\whoami.exe";
        String explorer = "C:\\Windows\\explorer.exe";
        assertTrue(whoami.matches(sysmon(exe, "CORP\\eve", explorer, "whoami")));
        assertFalse(whoami.matches(sysmon(exe, "CORP\\adm_bob", explorer, "whoami")), "an admin: filtered");
        assertTrue(whoami.matches(sysmon(exe, "CORP\\adm_bob", explorer, "whoami /all")),
                "the filter's own 'not interactive' keeps this one");
        assertFalse(whoami.matches(sysmon(exe, "CORP\\eve", "C:\\Tools\\inventory.exe", "whoami")));
        String ipconfigExe = "C:\\Windows\\System32\\ipconfig.exe";
        assertFalse(ipconfig.matches(sysmon(ipconfigExe, "CORP\\adm_bob", explorer, "ipconfig")), "named by id");
        assertTrue(ipconfig.matches(sysmon(ipconfigExe, "CORP\\eve", explorer, "ipconfig")));
    }

    @Test
    void theFilterUsesTheRulesFieldMappings() {
        CompiledRule whoami = compile(WHOAMI + ADMIN_FILTER).get(0);
        // 4688 writes ParentImage as ParentProcessName: the filter's ParentImage is read there
        assertFalse(whoami.matches(security("C:\\Windows\\System32\\whoami.exe", "C:\\Tools\\inventory.exe")));
        assertTrue(whoami.matches(security("C:\\Windows\\System32\\whoami.exe", "C:\\Windows\\explorer.exe")));
    }

    @Test
    void withoutTheFilterTheRuleMatches() {
        RuleLoader.Result r = RuleLoader.load("filters.yml", new StringReader(WHOAMI + ADMIN_FILTER));
        CompiledRule unfiltered = new RuleCompiler(LogsourceMapping.builtIn(), Map.of()).compile(r.rules().get(0));
        assertTrue(unfiltered.matches(sysmon("C:\\Windows\\System32\\whoami.exe", "CORP\\adm_bob", "x", "whoami")));
    }

    @Test
    void aFilterForAnotherLogsourceIsNotAppliedAndSaysSo() {
        String yaml = WHOAMI + """
                ---
                title: For file events
                logsource: {category: file_event, product: windows}
                filter:
                    rules: [whoami, no_such_rule]
                    selection: {User|startswith: 'CORP\\adm_'}
                    condition: selection
                """;
        RuleLoader.Result r = RuleLoader.load("filters.yml", new StringReader(yaml));
        SigmaFilter f = r.filters().get(0);
        assertEquals(List.of(
                "filters.yml:16: filter 'For file events': its logsource (category=file_event product=windows"
                        + " service=-) disagrees with that of rule 'whoami' (category=process_creation product=windows"
                        + " service=-), so it is not applied",
                "filters.yml:16: filter 'For file events': no loaded rule has the id or name 'no_such_rule'"),
                f.problems(r.rules()).stream().map(RuleProblem::toString).toList());
        CompiledRule whoami = new RuleCompiler(LogsourceMapping.builtIn(), Map.of(), r.filters()).compile(r.rules().get(0));
        assertTrue(whoami.matches(sysmon("C:\\Windows\\System32\\whoami.exe", "CORP\\adm_bob", "x", "whoami")));
    }

    @Test
    void aFilterItemThatCannotCompileFailsTheRuleNamingTheFilter() {
        String yaml = WHOAMI + """
                ---
                title: Broken filter
                logsource: {category: process_creation, product: windows}
                filter:
                    rules: [whoami]
                    selection: {User|nosuchmodifier: x}
                    condition: selection
                """;
        RuleLoader.Result r = RuleLoader.load("filters.yml", new StringReader(yaml));
        RuleCompiler compiler = new RuleCompiler(LogsourceMapping.builtIn(), Map.of(), r.filters());
        RuleCompileException e = assertThrows(RuleCompileException.class, () -> compiler.compile(r.rules().get(0)));
        assertTrue(e.getMessage().startsWith("filters.yml:1: rule 'Whoami'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(in filter 'Broken filter' at filters.yml:16)"), e.getMessage());
        compiler.compile(r.rules().get(1)); // the rule it does not name still compiles
    }
}
