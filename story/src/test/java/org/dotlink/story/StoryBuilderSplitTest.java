package org.dotlink.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.dotlink.core.Story;
import org.junit.jupiter.api.Test;

/**
 * Stories built in two stages (each host alone within it, then every finding across hosts over
 * {@link CrossHostFacts}, joining the first stage's links) group findings exactly as one builder over
 * everything, with the same scores: over a written intrusion linked across hosts by a remote logon and by
 * one tool's hash on two hosts, and a routine host beside it.
 */
class StoryBuilderSplitTest {

    private static final RuleInfo RULE = new RuleInfo("r1", "Suspicious thing", Level.HIGH, List.of("T1059"),
            List.of("execution"), List.of());
    private static final RuleInfo LATERAL = new RuleInfo("r2", "Lateral movement", Level.MEDIUM, List.of("T1021"),
            List.of("lateral-movement"), List.of());

    private static long record;

    private static Event.Builder event(String host, String time, String channel, String id) {
        return Event.builder("case/" + host + ".json").offset(record).add("Channel", channel).add("EventID", id)
                .add("Computer", host).add("TimeCreated_SystemTime", time).add("EventRecordID", String.valueOf(record++));
    }

    private static Event start(String host, String time, String guid, String image, String parentGuid, String parentImage,
                               String user, String hash, String commandLine) {
        Event.Builder b = event(host, time, "Microsoft-Windows-Sysmon/Operational", "1").add("ProcessGuid", guid)
                .add("Image", image).add("ParentProcessGuid", parentGuid).add("ParentImage", parentImage).add("User", user)
                .add("CommandLine", commandLine);
        if (hash != null) {
            b.add("Hashes", "SHA256=" + hash);
        }
        return b.build();
    }

    private static Event connection(String host, String time, String guid, String image, String sourceIp) {
        return event(host, time, "Microsoft-Windows-Sysmon/Operational", "3").add("ProcessGuid", guid).add("Image", image)
                .add("Initiated", "true").add("SourceIp", sourceIp).add("DestinationIp", "10.0.0.2").build();
    }

    private static Event networkLogon(String host, String time, String ip, String user, String logonId) {
        return event(host, time, "Security", "4624").add("LogonType", "3").add("IpAddress", ip)
                .add("TargetUserName", user).add("TargetDomainName", "CORP").add("TargetLogonId", logonId).build();
    }

    @Test
    void twoStagesGroupFindingsAsOneBuilderDoes() {
        List<Event> events = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        // ws1: an operator's shell runs PsExec against dc1 and connects from 10.0.0.5
        Event shell = start("WS1", "2021-01-01T10:00:00Z", "{a0}", "C:\\Windows\\System32\\cmd.exe", "{e}",
                "C:\\Windows\\explorer.exe", "CORP\\eve", null, "cmd.exe");
        Event psexec = start("WS1", "2021-01-01T10:01:00Z", "{a1}", "C:\\Tools\\PsExec.exe", "{a0}",
                "C:\\Windows\\System32\\cmd.exe", "CORP\\eve", "AAAA", "psexec.exe \\\\dc1 cmd");
        events.add(shell);
        events.add(psexec);
        events.add(connection("WS1", "2021-01-01T10:01:01Z", "{a1}", "C:\\Tools\\PsExec.exe", "10.0.0.5"));
        findings.add(Finding.of(Detection.of(RULE, shell)));
        findings.add(Finding.of(Detection.of(LATERAL, psexec)));
        // dc1: the network logon from ws1's address, then a shell as admin2 under the PsExec service
        events.add(networkLogon("DC1", "2021-01-01T10:01:02Z", "10.0.0.5", "admin2", "0x1234"));
        Event svc = start("DC1", "2021-01-01T10:01:03Z", "{b1}", "C:\\Windows\\PSEXESVC.exe", "{s}",
                "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM", null, "PSEXESVC.exe");
        Event dcShell = start("DC1", "2021-01-01T10:05:00Z", "{b2}", "C:\\Windows\\System32\\cmd.exe", "{b1}",
                "C:\\Windows\\PSEXESVC.exe", "CORP\\admin2", null, "cmd.exe /c whoami");
        events.add(svc);
        events.add(dcShell);
        findings.add(Finding.of(Detection.of(RULE, svc)));
        findings.add(Finding.of(Detection.of(RULE, dcShell)));
        // a lone finding on dc1 near that story, whose account is also seen on ws1: time-proximity within the
        // host and the account across hosts must decide alike in both ways
        Event lone = start("DC1", "2021-01-01T10:09:00Z", "{b3}", "C:\\Windows\\x.exe", "{s}",
                "C:\\Windows\\System32\\services.exe", "CORP\\zed", null, "x.exe");
        events.add(lone);
        findings.add(Finding.of(Detection.of(LATERAL, lone)));
        // ws2: the same tool (same hash) run by another account, later that day
        Event copy = start("WS2", "2021-01-01T15:00:00Z", "{c1}", "C:\\Users\\Public\\p.exe", "{e2}",
                "C:\\Windows\\explorer.exe", "CORP\\mallory", "AAAA", "p.exe");
        events.add(copy);
        findings.add(Finding.of(Detection.of(LATERAL, copy)));
        // ws3: routine work, unrelated
        Event routine = start("WS3", "2021-01-01T11:00:00Z", "{d1}", "C:\\Windows\\System32\\cmd.exe", "{e3}",
                "C:\\Windows\\explorer.exe", "CORP\\bob", "BBBB", "cmd.exe /c dir");
        events.add(routine);
        findings.add(Finding.of(Detection.of(RULE, routine)));

        StoryBuilder one = new StoryBuilder();
        events.forEach(e -> one.observe(FactExtractor.of(e)));
        findings.forEach(one::add);
        StoryBuilder.Result expected = one.build();

        StoryBuilder.Result split = twoStages(events, findings);
        assertEquals(groups(expected), groups(split));
        assertEquals(scores(expected), scores(split));
        Set<String> kinds = expected.stories().stream().flatMap(s -> s.links().stream()).map(Story.Link::kind)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(kinds.containsAll(Set.of("remote-access", "tool-hash", "process-tree", "time-proximity")),
                kinds.toString());
        assertEquals(2, expected.stories().size(), "the intrusion over three hosts, and ws3's routine work");
    }

    /**
     * Two hosts use one address: the last to use it in input order owns it (here not the last in time), and
     * a logon from that address links its owner's finding; the two stages decide it the same way.
     */
    @Test
    void anAddressBelongsToItsLastUserInInputOrderInBothWays() {
        Event y = connection("WSY", "2021-01-01T10:00:30Z", "{y}", "C:\\x\\y.exe", "10.0.0.9");
        Event x = connection("WSX", "2021-01-01T10:00:10Z", "{x}", "C:\\x\\x.exe", "10.0.0.9");
        Event onX = start("WSX", "2021-01-01T10:00:50Z", "{x2}", "C:\\x\\t.exe", "{x0}", "C:\\x\\p.exe", "CORP\\a",
                null, "t.exe");
        Event onY = start("WSY", "2021-01-01T10:00:50Z", "{y2}", "C:\\x\\t.exe", "{y0}", "C:\\x\\q.exe", "CORP\\b",
                null, "t.exe");
        Event logon = networkLogon("SRV", "2021-01-01T10:01:00Z", "10.0.0.9", "c", "0x99");
        Event onSrv = start("SRV", "2021-01-01T10:01:30Z", "{s2}", "C:\\x\\u.exe", "{s0}", "C:\\x\\r.exe", "CORP\\c",
                null, "u.exe");
        List<Event> events = List.of(y, x, onX, onY, logon, onSrv);
        List<Finding> findings = List.of(Finding.of(Detection.of(RULE, onX)), Finding.of(Detection.of(RULE, onY)),
                Finding.of(Detection.of(RULE, onSrv)));
        StoryBuilder one = new StoryBuilder();
        events.forEach(e -> one.observe(FactExtractor.of(e)));
        findings.forEach(one::add);
        StoryBuilder.Result expected = one.build();
        assertTrue(expected.stories().stream().anyMatch(s -> s.hosts().equals(List.of("wsx", "srv"))),
                "wsx, the address's last user in input order, reached srv");
        assertEquals(groups(expected), groups(twoStages(events, findings)));
    }

    /** Each host alone within it, then across hosts, observing the kept facts in the order of the events. */
    private static StoryBuilder.Result twoStages(List<Event> events, List<Finding> findings) {
        Map<String, List<Integer>> eventsByHost = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            eventsByHost.computeIfAbsent(events.get(i).hostKey(), k -> new ArrayList<>()).add(i);
        }
        StoryBuilder across = new StoryBuilder(StoryBuilder.Scope.ACROSS_HOSTS);
        Map<Integer, List<EventFacts>> crossFacts = new TreeMap<>(); // by the event's place in the input
        for (var host : eventsByHost.entrySet()) {
            StoryBuilder within = new StoryBuilder(StoryBuilder.Scope.WITHIN_HOST);
            CrossHostFacts cross = new CrossHostFacts();
            for (int i : host.getValue()) {
                within.observe(FactExtractor.of(events.get(i)));
                cross.add(FactExtractor.of(events.get(i)));
            }
            findings.stream().filter(f -> f.detection().event().hostKey().equals(host.getKey())).forEach(within::add);
            within.build().stories().forEach(s -> s.links().forEach(across::join));
            for (CrossHostFacts.Kept k : cross.kept()) {
                crossFacts.computeIfAbsent(host.getValue().get(k.position()), x -> new ArrayList<>()).add(k.facts());
            }
        }
        crossFacts.values().forEach(l -> l.forEach(across::observe));
        findings.forEach(across::add);
        return across.build();
    }

    private static Set<Set<String>> groups(StoryBuilder.Result r) {
        return r.stories().stream().map(s -> s.findings().stream().map(Story.FindingRef::key)
                .collect(Collectors.toCollection(TreeSet::new))).collect(Collectors.toSet());
    }

    private static Map<Set<String>, Double> scores(StoryBuilder.Result r) {
        Map<Set<String>, Double> out = new LinkedHashMap<>();
        r.stories().forEach(s -> out.put(s.findings().stream().map(Story.FindingRef::key)
                .collect(Collectors.toCollection(TreeSet::new)), s.score()));
        return out;
    }
}
