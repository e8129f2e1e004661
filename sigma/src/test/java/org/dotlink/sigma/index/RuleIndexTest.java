package org.dotlink.sigma.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        // process_creation means Sysmon 1 and Security 4688: two variants each; "user" in the regex is a literal
        // too; "not" has no fast pattern, nor has "security", whose events are chosen by their EventID
        assertEquals(new RuleIndex.Stats(5, 9, 6), index.stats());

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
     * Rules for a service name their event ids in the detection: the index meets them only with events of
     * those ids (fewer candidates), and every answer still equals the rules' own evaluation, including an
     * event whose EventID holds two values and ids required only on some of the condition's ways.
     */
    @Test
    void eventIdsTheDetectionRequiresChooseTheCandidates() throws Exception {
        CompiledRule cleared = rule("""
                title: cleared
                logsource: {product: windows, service: security}
                detection:
                  selection_517: {EventID: 517, Provider_Name: Security}
                  selection_1102: {EventID: '1102', Provider_Name: Microsoft-Windows-Eventlog}
                  condition: 1 of selection_*
                """);
        CompiledRule failed = rule("""
                title: failed
                logsource: {product: windows, service: security}
                detection:
                  selection: {EventID: [4625, 4771]}
                  filter: {IpAddress|cidr: '10.0.0.0/8'}
                  condition: selection and not filter
                """);
        CompiledRule notOnly = rule("""
                title: notOnly
                logsource: {product: windows, service: security}
                detection:
                  selection: {TargetUserName: admin}
                  filter: {EventID: 4624}
                  condition: selection and not filter
                """);
        CompiledRule eitherWay = rule("""
                title: eitherWay
                logsource: {product: windows, service: security}
                detection:
                  a: {EventID: 4625}
                  b: {TargetUserName: admin}
                  condition: a or b
                """);
        CompiledRule wildcard = rule("""
                title: wildcard
                logsource: {product: windows, service: security}
                detection:
                  selection: {EventID: '46*'}
                  condition: selection
                """);
        CompiledRule creation = rule("""
                title: creation
                logsource: {category: process_creation, product: windows}
                detection:
                  selection: {EventID: 4688}
                  condition: selection
                """);
        List<CompiledRule> rules = List.of(cleared, failed, notOnly, eitherWay, wildcard, creation);
        assertEquals(Set.of(517, 1102), EventIds.of(cleared.variants().get(0)));
        assertEquals(Set.of(4625, 4771), EventIds.of(failed.variants().get(0)));
        assertEquals(null, EventIds.of(notOnly.variants().get(0)));
        assertEquals(null, EventIds.of(eitherWay.variants().get(0)));
        assertEquals(null, EventIds.of(wildcard.variants().get(0)));

        RuleIndex index = new RuleIndex(rules);
        RuleIndex.Matcher matcher = index.matcher();
        List<Event> events = List.of(
                security("1102", "Microsoft-Windows-Eventlog").build(),
                security("4625", AUDITING).add("IpAddress", "203.0.113.9").add("TargetUserName", "bob").build(),
                security("4625", AUDITING).add("IpAddress", "10.1.2.3").add("TargetUserName", "admin").build(),
                security("4624", AUDITING).add("TargetUserName", "admin").build(),
                security("4634", AUDITING).add("TargetUserName", "admin").build(),
                security("4688", AUDITING).add("NewProcessName", "C:\\x.exe").build(),
                // the System id first, then a data field of the same name: the detection's item matches either
                security("4634", AUDITING).add("EventID", "4771").add("IpAddress", "198.51.100.1").build(),
                Event.builder("t").add("Channel", "Microsoft-Windows-Sysmon/Operational").add("EventID", "1")
                        .add("Image", "C:\\x.exe").build());
        List<List<String>> expected = List.of(List.of("cleared"), List.of("failed", "eitherWay", "wildcard"), List.of("notOnly", "eitherWay", "wildcard"),
                List.of("eitherWay", "wildcard"), List.of("notOnly", "eitherWay", "wildcard"), List.of("wildcard", "creation"),
                List.of("failed", "wildcard"), List.of());
        // how many variants each event meets in full: "cleared" holds the literal "security" of its provider, but
        // only events 1102 (and the one whose EventID has two values) meet it; "creation" never meets Sysmon 1
        List<Integer> evaluated = List.of(1, 3, 4, 3, 3, 2, 3, 0);
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            List<CompiledRule> fast = new ArrayList<>();
            matcher.match(e, fast);
            assertEquals(rules.stream().filter(r -> r.matches(e)).toList(), fast, "event " + i + " against the rules' own evaluation");
            assertEquals(expected.get(i), fast.stream().map(r -> r.rule().title()).toList(), "event " + i);
            assertEquals(evaluated.get(i), matcher.lastEvaluated(), "variants evaluated for event " + i);
        }
    }

    private static final String AUDITING = "Microsoft-Windows-Security-Auditing";

    private static Event.Builder security(String eventId, String provider) {
        return Event.builder("t").add("Channel", "Security").add("EventID", eventId).add("Provider_Name", provider);
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
