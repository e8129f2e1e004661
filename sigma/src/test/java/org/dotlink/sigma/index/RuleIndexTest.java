package org.dotlink.sigma.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dotlink.core.Event;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.evtx.EvtxReader;
import org.dotlink.sigma.SigmaHq;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.compile.RuleCompileException;
import org.dotlink.sigma.compile.RuleCompiler;
import org.dotlink.sigma.logsource.LogsourceMapping;
import org.dotlink.sigma.rule.RuleLoader;
import org.dotlink.sigma.rule.SigmaRule;
import org.junit.jupiter.api.Test;

class RuleIndexTest {

    private static final RuleCompiler COMPILER = new RuleCompiler(LogsourceMapping.builtIn(), Map.of());

    private static CompiledRule rule(String yaml) throws Exception {
        Path f = Files.createTempFile("rule", ".yml");
        Files.writeString(f, yaml);
        RuleLoader.Result r = RuleLoader.load(f);
        Files.delete(f);
        assertEquals(List.of(), r.problems());
        return COMPILER.compile(r.rules().get(0));
    }

    private static Event sysmon1(String image, String commandLine) {
        return Event.builder("t").add("Channel", "Microsoft-Windows-Sysmon/Operational").add("EventID", "1")
                .add("Image", image).add("CommandLine", commandLine).build();
    }

    private static List<String> titles(RuleIndex index, Event e) {
        List<CompiledRule> out = new ArrayList<>();
        index.matcher().match(e, out);
        return out.stream().map(r -> r.rule().title()).toList();
    }

    @Test
    void fastPatternsSelectCandidatesAndEveryKindOfConditionStillMatchesExactly() throws Exception {
        CompiledRule and = rule("""
                title: and
                logsource: {category: process_creation, product: windows}
                detection:
                  sel: {Image|endswith: '\\\\whoami.exe'}
                  args: {CommandLine|contains: '/all'}
                  condition: sel and args
                """);
        CompiledRule or = rule("""
                title: or
                logsource: {category: process_creation, product: windows}
                detection:
                  a: {Image|endswith: '\\\\nltest.exe'}
                  b: {CommandLine|contains|all: ['domain_trusts', 'all_trusts']}
                  condition: a or b
                """);
        CompiledRule not = rule("""
                title: not
                logsource: {category: process_creation, product: windows}
                detection:
                  sel: {Image|endswith: '\\\\cmd.exe'}
                  condition: not sel
                """);
        CompiledRule regex = rule("""
                title: regex
                logsource: {category: process_creation, product: windows}
                detection:
                  sel: {CommandLine|re: 'net\\s+user'}
                  condition: sel
                """);
        CompiledRule security = rule("""
                title: security
                logsource: {product: windows, service: security}
                detection:
                  sel: {EventID: 4625}
                  condition: sel
                """);
        RuleIndex index = new RuleIndex(List.of(and, or, not, regex, security));
        // process_creation means Sysmon 1 and Security 4688: two variants each; "EventID: 4625" is a literal too,
        // and so is "user" in the regex; only "not" has no fast pattern
        assertEquals(new RuleIndex.Stats(5, 9, 7), index.stats());

        assertEquals(List.of("and", "not"), titles(index, sysmon1("C:\\Windows\\System32\\WHOAMI.EXE", "whoami /ALL")));
        assertEquals(List.of("not"), titles(index, sysmon1("C:\\Windows\\System32\\whoami.exe", "whoami /groups")));
        assertEquals(List.of("or", "not"), titles(index, sysmon1("C:\\x\\tool.exe", "x /domain_trusts /all_trusts")));
        assertEquals(List.of("not"), titles(index, sysmon1("C:\\x\\tool.exe", "x /domain_trusts")));
        assertEquals(List.of("regex"), titles(index, sysmon1("C:\\Windows\\cmd.exe", "net   user bob")));
        Event logonFailure = Event.builder("t").add("Channel", "Security").add("EventID", "4625").build();
        assertEquals(List.of("security"), titles(index, logonFailure));
        Event other = Event.builder("t").add("Channel", "Application").add("EventID", "1").add("Image", "whoami.exe").build();
        assertEquals(List.of(), titles(index, other));
        // Security 4688 meets the process_creation rules with their field mapping (Image → NewProcessName)
        Event e4688 = Event.builder("t").add("Channel", "Security").add("EventID", "4688")
                .add("NewProcessName", "C:\\Windows\\System32\\whoami.exe").add("CommandLine", "whoami /all").build();
        assertEquals(List.of("and", "not"), titles(index, e4688));
    }

    /**
     * Contains items on a field that a fast pattern scans are decided by the literals that field's automaton
     * found, not by reading the field again: each answer must equal the rule's own evaluation, including
     * values spread over a multi-valued field, encoded variants, and the same rule met through two plans
     * with different field names.
     */
    @Test
    void containsItemsDecidedByTheAutomatonsLiteralsMatchExactly() throws Exception {
        CompiledRule all = rule("""
                title: all
                logsource: {category: process_creation, product: windows}
                detection:
                  sel: {Image|endswith: '\\powershell.exe'}
                  args: {CommandLine|contains|all: ['-nop', 'hidden', 'downloadstring']}
                  filter: {CommandLine|contains: 'trusted.example'}
                  condition: sel and args and not filter
                """);
        CompiledRule dash = rule("""
                title: dash
                logsource: {category: process_creation, product: windows}
                detection:
                  sel: {CommandLine|windash|contains: ['-enc ', '-ec ']}
                  img: {Image|contains: 'power'}
                  condition: sel and img
                """);
        CompiledRule many = rule("""
                title: many
                logsource: {product: windows, service: security}
                detection:
                  sel: {EventID: 4688}
                  tools: {CommandLine|contains: ['mimikatz', 'rubeus', 'sharphound', 'lazagne', 'procdump', 'nanodump', 'pypykatz', 'safetykatz']}
                  condition: sel and tools
                """);
        List<CompiledRule> rules = List.of(all, dash, many);
        RuleIndex index = new RuleIndex(rules);
        List<Event> events = List.of(
                sysmon1("C:\\Windows\\PowerShell.EXE", "powershell -NOP -w HIDDEN -c iex (x).DownloadString('u')"),
                sysmon1("C:\\Windows\\powershell.exe", "powershell -nop -w hidden -c (x).DownloadFile('u')"),
                sysmon1("C:\\Windows\\powershell.exe", "powershell -nop hidden DownloadString('https://trusted.example/')"),
                sysmon1("C:\\Windows\\powershell.exe", "powershell /enc AAAA"),
                sysmon1("C:\\Windows\\powershell.exe", "powershell \u2013ec AAAA"),
                sysmon1("C:\\Windows\\cmd.exe", "cmd /c powershell -enc AAAA"),
                Event.builder("t").add("Channel", "Microsoft-Windows-Sysmon/Operational").add("EventID", "1")
                        .add("Image", "C:\\Windows\\powershell.exe").add("CommandLine", "powershell -nop")
                        .add("CommandLine", "x hidden").add("CommandLine", "(y).downloadstring(z)").build(),
                Event.builder("t").add("Channel", "Security").add("EventID", "4688")
                        .add("NewProcessName", "C:\\Windows\\powershell.exe")
                        .add("CommandLine", "powershell -nop -w hidden; IEX(x).downloadString(y); Invoke-Mimikatz").build(),
                Event.builder("t").add("Channel", "Security").add("EventID", "4688")
                        .add("NewProcessName", "C:\\Windows\\powershell.exe").add("CommandLine", "powershell -nop -w hidden").build());
        List<List<String>> expected = List.of(List.of("all"), List.of(), List.of(), List.of("dash"), List.of("dash"), List.of(),
                List.of("all"), List.of("all", "many"), List.of());
        RuleIndex.Matcher matcher = index.matcher();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            List<CompiledRule> fast = new ArrayList<>();
            matcher.match(e, fast);
            assertEquals(rules.stream().filter(r -> r.matches(e)).toList(), fast, "event " + i + " against the rules' own evaluation");
            assertEquals(expected.get(i), fast.stream().map(r -> r.rule().title()).toList(), "event " + i);
        }
    }

    /**
     * Every Windows rule of SigmaHQ over every event of the shared EVTX samples: the index gives exactly
     * what evaluating every rule on every event gives.
     */
    @Test
    void indexAgreesWithEvaluatingEveryRuleOnRealEvents() throws Exception {
        Path data = SigmaHq.dir().getParent();
        List<CompiledRule> rules = new ArrayList<>();
        for (SigmaRule r : SigmaHq.allRules().rules()) {
            if (!"windows".equals(r.logsource().product().orElse(""))) {
                continue;
            }
            try {
                rules.add(COMPILER.compile(r));
            } catch (RuleCompileException e) {
                // placeholders without values; rules check counts them
            }
        }
        RuleIndex index = new RuleIndex(rules);
        RuleIndex.Matcher matcher = index.matcher();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data.resolve("evtx-attack-samples"))) {
            files = walk.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        long events = 0;
        long detections = 0;
        long evaluated = 0;
        List<String> differences = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                for (EventBatch b : EvtxReader.readAll(in, f.toString())) {
                    for (Event e : b.events()) {
                        events++;
                        List<CompiledRule> fast = new ArrayList<>();
                        matcher.match(e, fast);
                        evaluated += matcher.lastEvaluated();
                        List<CompiledRule> slow = rules.stream().filter(r -> r.matches(e)).toList();
                        detections += slow.size();
                        if (!fast.equals(slow)) {
                            differences.add(f.getFileName() + " record " + e.recordId() + ": index " + fast + ", all " + slow);
                        }
                    }
                }
            }
        }
        System.out.printf("RuleIndex: %d rules (%s), %d events, %d detections, %.1f variants evaluated per event%n",
                rules.size(), index.stats(), events, detections, (double) evaluated / events);
        assertTrue(rules.size() > 2800, "Windows rules compiled: " + rules.size());
        assertTrue(events > 4000 && detections > 1000, events + " events, " + detections + " detections");
        assertEquals(List.of(), differences.subList(0, Math.min(20, differences.size())));
    }
}
