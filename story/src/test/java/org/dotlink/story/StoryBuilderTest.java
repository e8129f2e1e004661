package org.dotlink.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.dotlink.core.Story;
import org.junit.jupiter.api.Test;

class StoryBuilderTest {

    private static final RuleInfo RULE = new RuleInfo("r1", "Suspicious thing", Level.HIGH, List.of("T1059"),
            List.of("execution"), List.of());

    private static Event sysmon1(String host, String time, String guid, String image, String parentGuid,
                                 String parentImage, String user) {
        return Event.builder("t").add("Channel", "Microsoft-Windows-Sysmon/Operational").add("EventID", "1")
                .add("Computer", host).add("TimeCreated_SystemTime", time).add("ProcessGuid", guid).add("Image", image)
                .add("ParentProcessGuid", parentGuid).add("ParentImage", parentImage).add("User", user).build();
    }

    private static StoryBuilder.Result build(List<Event> events, List<Event> findings) {
        StoryBuilder b = new StoryBuilder();
        events.forEach(e -> b.observe(FactExtractor.of(e)));
        findings.forEach(e -> b.add(Finding.of(Detection.of(RULE, e))));
        return b.build();
    }

    @Test
    void childrenOfOneNonHubProcessAreOneStoryButChildrenOfServicesAreNot() {
        Event services = sysmon1("H", "2021-01-01T10:00:00Z", "{s}", "C:\\Windows\\System32\\services.exe", "{w}",
                "C:\\Windows\\System32\\wininit.exe", "NT AUTHORITY\\SYSTEM");
        Event a = sysmon1("H", "2021-01-01T10:01:00Z", "{a}", "C:\\x\\a.exe", "{s}", "C:\\Windows\\System32\\services.exe",
                "NT AUTHORITY\\SYSTEM");
        // b is more than the time-proximity bound away from a and its child: only an entity could link it
        Event b = sysmon1("H", "2021-01-01T10:30:00Z", "{b}", "C:\\x\\b.exe", "{s}", "C:\\Windows\\System32\\services.exe",
                "NT AUTHORITY\\SYSTEM");
        Event a1 = sysmon1("H", "2021-01-01T10:03:00Z", "{a1}", "C:\\x\\c.exe", "{a}", "C:\\x\\a.exe", "NT AUTHORITY\\SYSTEM");
        StoryBuilder.Result r = build(List.of(services, a, b, a1), List.of(a, b, a1));
        assertEquals(2, r.stories().size());
        Story first = r.stories().get(0);
        assertEquals(2, first.findings().size(), "a and its child");
        assertEquals("process-tree", first.links().get(0).kind());
        assertEquals(r.storyOfFinding()[0], r.storyOfFinding()[2]);
        assertEquals(1, r.stories().get(1).findings().size(), "b: services.exe links nothing");
    }

    /**
     * A finding no entity links joins the nearest story on its host within ten minutes, labelled as such;
     * not when it is further, not to another lone finding, not on another host, and not when its rule is
     * the host's routine (fired more than three times there).
     */
    @Test
    void aLoneFindingJoinsTheNearestStoryOnItsHostByTimeProximityOnly() {
        RuleInfo lone = new RuleInfo("r-lone", "Log cleared", Level.HIGH, List.of("T1070"), List.of("defense-evasion"),
                List.of());
        RuleInfo routine = new RuleInfo("r-routine", "Task cache written", Level.LOW, List.of("T1053"),
                List.of("persistence"), List.of());
        Event p = sysmon1("H", "2021-01-01T10:00:00Z", "{p}", "C:\\x\\p.exe", "{e}", "C:\\Windows\\explorer.exe",
                "NT AUTHORITY\\SYSTEM");
        Event c = sysmon1("H", "2021-01-01T10:01:00Z", "{c}", "C:\\x\\c.exe", "{p}", "C:\\x\\p.exe", "NT AUTHORITY\\SYSTEM");
        Event near = sysmon1("H", "2021-01-01T10:08:00Z", "{n}", "C:\\x\\n.exe", "{s}", "C:\\Windows\\System32\\services.exe",
                "NT AUTHORITY\\SYSTEM");
        Event far = sysmon1("H", "2021-01-01T10:20:00Z", "{f}", "C:\\x\\f.exe", "{s}", "C:\\Windows\\System32\\services.exe",
                "NT AUTHORITY\\SYSTEM");
        Event farToo = sysmon1("H", "2021-01-01T10:21:00Z", "{f2}", "C:\\x\\g.exe", "{s}",
                "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM");
        Event elsewhere = sysmon1("OTHER", "2021-01-01T10:02:00Z", "{o}", "C:\\x\\o.exe", "{s2}",
                "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM");
        List<Event> routines = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            routines.add(sysmon1("H", "2021-01-01T10:0" + (2 + i) + ":00Z", "{r" + i + "}", "C:\\x\\r" + i + ".exe", "{s}",
                    "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM"));
        }
        StoryBuilder builder = new StoryBuilder();
        List<Event> all = new java.util.ArrayList<>(List.of(p, c, near, far, farToo, elsewhere));
        all.addAll(routines);
        all.forEach(e -> builder.observe(FactExtractor.of(e)));
        for (Event e : List.of(p, c, near, far, farToo)) {
            builder.add(Finding.of(Detection.of(e == p || e == c ? RULE : lone, e)));
        }
        builder.add(Finding.of(Detection.of(lone, elsewhere)));
        routines.forEach(e -> builder.add(Finding.of(Detection.of(routine, e))));
        StoryBuilder.Result r = builder.build();
        int[] of = r.storyOfFinding();
        Story story = r.stories().get(of[0]);
        assertEquals(of[0], of[1], "p and its child");
        assertEquals(of[0], of[2], "the lone finding 7 minutes after the child joins their story");
        assertEquals(3, story.findings().size(), story.findings().toString());
        Story.Link proximity = story.links().stream().filter(l -> l.kind().equals("time-proximity")).findFirst()
                .orElseThrow();
        assertEquals("host h", proximity.entity());
        assertTrue(proximity.reason().endsWith("420 s away"), "joined to the story's nearest finding, the child: "
                + proximity.reason());
        assertNotEquals(of[0], of[3], "19 minutes away");
        assertNotEquals(of[3], of[4], "two lone findings are not joined to each other");
        assertNotEquals(of[0], of[5], "another host");
        for (int i = 6; i < 10; i++) {
            assertNotEquals(of[0], of[i], "a rule fired 4 times on the host is its routine");
        }
    }

    @Test
    void sameUserOnAHostWithinHalfAnHourLinksButNotLater() {
        Event x = sysmon1("H", "2021-01-01T10:00:00Z", "{x}", "C:\\x\\x.exe", "{e1}", "C:\\Windows\\explorer.exe", "CORP\\bob");
        Event y = sysmon1("H", "2021-01-01T10:20:00Z", "{y}", "C:\\x\\y.exe", "{e1}", "C:\\Windows\\explorer.exe", "CORP\\bob");
        Event z = sysmon1("H", "2021-01-01T11:30:00Z", "{z}", "C:\\x\\z.exe", "{e1}", "C:\\Windows\\explorer.exe", "CORP\\bob");
        StoryBuilder.Result r = build(List.of(x, y, z), List.of(x, y, z));
        assertEquals(2, r.stories().size());
        assertEquals("user-on-host", r.stories().get(0).links().get(0).kind());
        assertEquals(r.storyOfFinding()[0], r.storyOfFinding()[1]);
    }

    private static Event powerShell4103(String time, String hostId, String application, String user) {
        return Event.builder("t").add("Channel", "Microsoft-Windows-PowerShell/Operational").add("EventID", "4103")
                .add("Computer", "H").add("TimeCreated_SystemTime", time)
                .add("ContextInfo", "        Severity = Informational\n        Host Name = Default Host\n        Host ID = "
                        + hostId + "\n        Host Application = " + application + "\n        User = " + user + "\n")
                .build();
    }

    /**
     * PowerShell records whose collector dropped the process id: the host instance their context names stands for
     * the process, and their user is read; another instance, run as SYSTEM, links to neither.
     */
    @Test
    void powerShellRecordsWithoutAProcessIdAreJoinedByTheirHostInstance() {
        Event a = powerShell4103("2021-01-01T10:00:00Z", "F401E80C-3DDA-42B0-917B-70A58AAE3523",
                "C:\\Users\\bob\\Downloads\\payload.exe", "CORP\\bob");
        Event b = powerShell4103("2021-01-01T11:00:00Z", "f401e80c-3dda-42b0-917b-70a58aae3523",
                "C:\\Users\\bob\\Downloads\\payload.exe", "CORP\\bob");
        Event other = powerShell4103("2021-01-01T10:30:00Z", "b95e444f-e242-4881-94ec-9abdc24dcc9b",
                "C:\\windows\\system32\\wbem\\wmiprvse.exe", "CORP\\SYSTEM");
        // the same user's process 20 minutes after the first record: user-on-host
        Event process = sysmon1("H", "2021-01-01T10:20:00Z", "{p}", "C:\\x\\p.exe", "{e1}", "C:\\Windows\\explorer.exe",
                "CORP\\bob");
        StoryBuilder.Result r = build(List.of(a, b, other, process), List.of(a, b, other, process));
        int[] of = r.storyOfFinding();
        assertEquals(of[0], of[1], "one host instance");
        assertEquals(of[0], of[3], "the same user on the host within 30 minutes");
        assertNotEquals(of[0], of[2], "another instance, as SYSTEM");
        Story s = r.stories().get(of[0]);
        assertTrue(s.links().stream().anyMatch(l -> l.kind().equals("process-tree")
                && l.entity().equals("payload.exe on h")), s.links().toString());
        assertEquals(1, r.stories().get(of[2]).findings().size());
        assertEquals("powershell.exe", FactExtractor.hostApplicationImage(
                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -nop -w hidden -c \"iex x\""));
        assertEquals("powershell.exe", FactExtractor.hostApplicationImage("\"powershell.exe\" -enc AAAA"));
        assertNull(FactExtractor.hostApplicationImage(null));
    }

    private static Event securityObjectAccess(String time, String pid, String user, String logonId) {
        return Event.builder("t").add("Channel", "Security").add("EventID", "4656").add("Computer", "H")
                .add("TimeCreated_SystemTime", time).add("ProcessId", pid)
                .add("ProcessName", "C:\\Windows\\System32\\Taskmgr.exe").add("SubjectUserName", user)
                .add("SubjectDomainName", "CORP").add("SubjectLogonId", logonId).add("ObjectName", "\\Device\\lsass").build();
    }

    /**
     * A process access names its source by GUID and by id: a Security record naming only that id joins the
     * source's process tree, even when the process's start logged no id (as NXLog's JSON drops Sysmon's
     * ProcessId); a record of another process id does not.
     */
    @Test
    void aProcessAccessTiesTheSourcesIdToItsGuid() {
        Event start = Event.builder("t").add("Channel", "Microsoft-Windows-Sysmon/Operational").add("EventID", "1")
                .add("Computer", "H").add("TimeCreated_SystemTime", "2021-01-01T09:59:00Z").add("ProcessGuid", "{t}")
                .add("Image", "C:\\Windows\\System32\\Taskmgr.exe").add("ParentProcessGuid", "{e}")
                .add("ParentImage", "C:\\Windows\\explorer.exe").add("User", "CORP\\bob").build();
        Event access = Event.builder("t").add("Channel", "Microsoft-Windows-Sysmon/Operational").add("EventID", "10")
                .add("Computer", "H").add("TimeCreated_SystemTime", "2021-01-01T10:00:00Z")
                .add("SourceProcessGUID", "{t}").add("SourceProcessId", "624")
                .add("SourceImage", "C:\\windows\\system32\\taskmgr.exe").add("TargetProcessGUID", "{l}")
                .add("TargetProcessId", "700").add("TargetImage", "C:\\windows\\system32\\lsass.exe").build();
        // hours later, so that neither the account nor time alone could link them
        Event same = securityObjectAccess("2021-01-01T13:00:00Z", "0x270", "bob", "0x10a7df");
        Event other = securityObjectAccess("2021-01-01T16:00:00Z", "0x271", "alice", "0x20b7df");
        StoryBuilder.Result r = build(List.of(start, access, same, other), List.of(start, same, other));
        int[] of = r.storyOfFinding();
        assertEquals(of[0], of[1], "pid 0x270 is the taskmgr.exe the access named as 624");
        assertNotEquals(of[0], of[2], "another process id");
        assertEquals("process-tree", r.stories().get(of[0]).links().get(0).kind());
        assertEquals("taskmgr.exe on h", r.stories().get(of[0]).links().get(0).entity());
    }

    private static Event security4697(String time, String serviceFileName, String user, String logonId) {
        return Event.builder("t").add("Channel", "Security").add("EventID", "4697").add("Computer", "H")
                .add("TimeCreated_SystemTime", time).add("SubjectUserName", user).add("SubjectDomainName", "CORP")
                .add("SubjectLogonId", logonId).add("ServiceName", "Updater").add("ServiceFileName", serviceFileName)
                .build();
    }

    /**
     * Security's record of a service installed names the executable System's 7045 does: it joins the process
     * services.exe started from it; a service of another executable does not.
     */
    @Test
    void aServiceInstalledAsSecurityLogsItJoinsTheProcessServicesStarted() {
        Event installed = security4697("2021-01-01T10:00:00Z",
                "%COMSPEC% /C start /b C:\\Windows\\System32\\WindowsPowershell\\v1.0\\powershell -noP -enc AAAA", "bob",
                "0x2990d17");
        // another account, and further than time alone links
        Event other = security4697("2021-01-01T10:30:00Z", "\"C:\\Program Files\\Agent\\agent.exe\" -service", "alice",
                "0x2990e20");
        Event started = sysmon1("H", "2021-01-01T10:00:01Z", "{c}", "C:\\Windows\\System32\\cmd.exe", "{s}",
                "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM");
        StoryBuilder.Result r = build(List.of(installed, other, started), List.of(installed, other, started));
        int[] of = r.storyOfFinding();
        assertEquals(of[0], of[2], "the service cmd.exe installed, then started by services.exe");
        assertNotEquals(of[0], of[1], "a service of another executable");
        assertEquals("service", r.stories().get(of[0]).links().get(0).kind());
    }

    private static Event security4688(String time, String pid, String image, String parentImage, String commandLine) {
        // services.exe is 0x2b0, any other parent 0x1000
        return Event.builder("t").add("Channel", "Security").add("EventID", "4688").add("Computer", "H")
                .add("TimeCreated_SystemTime", time).add("NewProcessId", pid).add("NewProcessName", image)
                .add("ProcessId", parentImage.endsWith("services.exe") ? "0x2b0" : "0x1000")
                .add("ParentProcessName", parentImage).add("CommandLine", commandLine)
                .add("SubjectUserName", "H$").add("SubjectDomainName", "CORP").add("SubjectLogonId", "0x3e7").build();
    }

    /**
     * A service's executable changed by {@code sc config ... binpath=} and the process services.exe then started
     * from it are one story; a service started from another executable is not.
     */
    @Test
    void aServicePathChangedByACommandJoinsTheProcessServicesStartsFromIt() {
        Event config = security4688("2021-01-01T10:00:00Z", "0x1a0", "C:\\Windows\\System32\\sc.exe",
                "C:\\Windows\\System32\\cmd.exe",
                "sc  config Fax binPath= \"C:\\windows\\system32\\WindowsPowerShell\\v1.0\\powershell.exe"
                        + " -noexit -c \\\"write-host 'x'\\\"\"");
        Event started = security4688("2021-01-01T10:00:02Z", "0x1b0",
                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "C:\\Windows\\System32\\services.exe",
                "C:\\windows\\system32\\WindowsPowerShell\\v1.0\\powershell.exe -noexit -c \"write-host 'x'\"");
        Event otherService = security4688("2021-01-01T10:00:03Z", "0x1c0", "C:\\Program Files\\Agent\\agent.exe",
                "C:\\Windows\\System32\\services.exe", "\"C:\\Program Files\\Agent\\agent.exe\"");
        // three more findings of the rule two hours later make it the host's routine: time alone attaches none
        List<Event> routine = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            routine.add(security4688("2021-01-01T12:0" + i + ":00Z", "0x2" + i, "C:\\x\\r.exe",
                    "C:\\Windows\\System32\\services.exe", "r.exe"));
        }
        List<Event> all = new java.util.ArrayList<>(List.of(config, started, otherService));
        all.addAll(routine);
        StoryBuilder.Result r = build(all, all);
        int[] of = r.storyOfFinding();
        assertEquals(of[0], of[1], "sc config set powershell.exe, services.exe started it");
        assertNotEquals(of[0], of[2], "a service of another executable");
        assertEquals("service", r.stories().get(of[0]).links().get(0).kind());
        assertEquals("powershell.exe", FactExtractor.serviceConfigured(
                "sc create updater binpath= c:\\users\\bob\\powershell.exe start= auto"));
        assertEquals("cmd.exe", FactExtractor.serviceConfigured("sc create x binpath= \"%comspec% /c echo\""));
        assertNull(FactExtractor.serviceConfigured("sc start fax"));
    }

    private static Event networkLogon(String host, String time, String user, String fromWorkstation) {
        return Event.builder("t").add("Channel", "Security").add("EventID", "4624").add("Computer", host)
                .add("TimeCreated_SystemTime", time).add("TargetUserName", user).add("TargetDomainName", "CORP")
                .add("TargetLogonId", "0x5d1e0").add("LogonType", "3").add("IpAddress", "-")
                .add("WorkstationName", fromWorkstation).build();
    }

    /**
     * A person's network logon from one host to another links the findings around it; the same logon by a
     * computer's own account (or anonymously) is the machines' routine and links nothing.
     */
    @Test
    void networkLogonsOfMachineAccountsLinkNoHosts() {
        for (String user : List.of("bob", "WS01$", "ANONYMOUS LOGON")) {
            Event onA = sysmon1("WS01", "2021-01-01T10:00:00Z", "{a}", "C:\\x\\a.exe", "{s}",
                    "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM");
            Event logon = networkLogon("DC01", "2021-01-01T10:00:30Z", user, "WS01");
            Event onB = sysmon1("DC01", "2021-01-01T10:01:00Z", "{b}", "C:\\x\\b.exe", "{s2}",
                    "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM");
            StoryBuilder.Result r = build(List.of(onA, logon, onB), List.of(onA, onB));
            if (user.equals("bob")) {
                assertEquals(1, r.stories().size(), user);
                assertEquals("remote-access", r.stories().get(0).links().get(0).kind());
            } else {
                assertEquals(2, r.stories().size(), user);
            }
        }
    }

    private static Event connection(String host, String time, boolean initiated, String from, String fromPort, String to,
                                    String toPort, String image) {
        return Event.builder("t").add("Channel", "Microsoft-Windows-Sysmon/Operational").add("EventID", "3")
                .add("Computer", host).add("TimeCreated_SystemTime", time).add("ProcessGuid", "{n-" + host + "}")
                .add("Image", image).add("User", "NT AUTHORITY\\SYSTEM").add("Initiated", Boolean.toString(initiated))
                .add("SourceIp", from).add("SourcePort", fromPort).add("DestinationIp", to).add("DestinationPort", toPort)
                .build();
    }

    /**
     * A host's addresses are learnt from connections it initiated, and from those it did not by the service's
     * (lower) port: a DNS server's answer to a workstation (logged as server to workstation, not initiated) does
     * not make the workstation's address the server's, so a logon from that address names the workstation.
     */
    @Test
    void aDnsServersAnswerDoesNotTakeTheClientsAddress() {
        Event onWs5 = sysmon1("WS5", "2021-01-01T10:00:00Z", "{a}", "C:\\x\\a.exe", "{s}",
                "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM");
        Event onDc = sysmon1("DC", "2021-01-01T10:00:10Z", "{d}", "C:\\x\\d.exe", "{s3}",
                "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM");
        Event ws5Out = connection("WS5", "2021-01-01T10:00:20Z", true, "10.0.0.5", "52298", "10.0.0.6", "135",
                "C:\\Windows\\System32\\svchost.exe");
        Event dnsAnswer = connection("DC", "2021-01-01T10:00:21Z", false, "10.0.0.1", "53", "10.0.0.5", "64006",
                "C:\\Windows\\System32\\dns.exe");
        Event dcIn = connection("DC", "2021-01-01T10:00:22Z", false, "10.0.0.6", "50100", "10.0.0.1", "445", "System");
        Event logon = Event.builder("t").add("Channel", "Security").add("EventID", "4624").add("Computer", "WS6")
                .add("TimeCreated_SystemTime", "2021-01-01T10:00:30Z").add("TargetUserName", "bob")
                .add("TargetDomainName", "CORP").add("TargetLogonId", "0x5d1e0").add("LogonType", "3")
                .add("IpAddress", "10.0.0.5").build();
        Event onWs6 = sysmon1("WS6", "2021-01-01T10:01:00Z", "{b}", "C:\\x\\b.exe", "{s2}",
                "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM");
        StoryBuilder.Result r = build(List.of(onWs5, onDc, ws5Out, dnsAnswer, dcIn, logon, onWs6),
                List.of(onWs5, onDc, onWs6));
        int[] of = r.storyOfFinding();
        assertEquals(of[0], of[2], "bob logged on to WS6 from WS5's address");
        assertNotEquals(of[1], of[2], "the DNS server only answered WS5");
        assertEquals("ws5 → ws6", r.stories().get(of[2]).links().get(0).entity());
    }

    private static Event wmiBinding(String host, String time, String consumer, String user) {
        return Event.builder("t").add("Channel", "Microsoft-Windows-Sysmon/Operational").add("EventID", "21")
                .add("Computer", host).add("TimeCreated_SystemTime", time).add("Operation", "Created")
                .add("User", user).add("Consumer", " \"" + consumer + ".Name=\\\"WSUS_RP5ZB\\\"\"")
                .add("Filter", " \"__EventFilter.Name=\\\"WSUS_QQTJ7\\\"\"").build();
    }

    /**
     * A WMI subscription binding a script consumer and the program that runs script consumers, started by WMI
     * on the same host, are one story; a command-line consumer's binding, and scrcons.exe on another host, are not.
     */
    @Test
    void aScriptConsumerBoundJoinsTheProgramThatRunsIt() {
        Event bound = wmiBinding("H", "2021-01-01T10:00:00Z", "ActiveScriptEventConsumer", "CORP\\bob");
        Event commandLine = wmiBinding("H", "2021-01-01T10:00:05Z", "CommandLineEventConsumer", "CORP\\alice");
        Event scrcons = sysmon1("H", "2021-01-01T10:00:20Z", "{c}", "C:\\Windows\\System32\\wbem\\scrcons.exe", "{s}",
                "C:\\Windows\\System32\\svchost.exe", "NT AUTHORITY\\SYSTEM");
        Event load = Event.builder("t").add("Channel", "Microsoft-Windows-Sysmon/Operational").add("EventID", "7")
                .add("Computer", "H").add("TimeCreated_SystemTime", "2021-01-01T10:00:21Z").add("ProcessGuid", "{c}")
                .add("Image", "C:\\Windows\\System32\\wbem\\scrcons.exe")
                .add("ImageLoaded", "C:\\Windows\\System32\\vbscript.dll").build();
        Event elsewhere = sysmon1("OTHER", "2021-01-01T10:00:30Z", "{o}", "C:\\Windows\\System32\\wbem\\scrcons.exe",
                "{s2}", "C:\\Windows\\System32\\svchost.exe", "NT AUTHORITY\\SYSTEM");
        // four findings of one rule on H: its routine, so that time alone attaches none of them
        List<Event> all = List.of(bound, commandLine, scrcons, load, elsewhere);
        StoryBuilder.Result r = build(all, all);
        int[] of = r.storyOfFinding();
        assertEquals(of[0], of[2], "the script consumer bound, then scrcons.exe ran");
        assertEquals(of[2], of[3]);
        assertNotEquals(of[0], of[1], "a command-line consumer is not run by scrcons.exe");
        assertNotEquals(of[0], of[4], "another host");
        assertTrue(r.stories().get(of[0]).links().stream().anyMatch(l -> l.kind().equals("wmi-consumer")));
    }

    /**
     * A logon from one host to another as an account links that account's findings on both hosts, before and
     * after it, rather than whatever else the two busy hosts did closest to it.
     */
    @Test
    void aRemoteAccessLinksItsAccountsOwnFindingsFirst() {
        Event bobOnWs5 = sysmon1("WS5", "2021-01-01T10:00:00Z", "{a}", "C:\\x\\a.exe", "{e}", "C:\\Windows\\explorer.exe",
                "CORP\\bob");
        Event systemOnWs5 = sysmon1("WS5", "2021-01-01T10:00:20Z", "{b}", "C:\\x\\b.exe", "{s}",
                "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM");
        Event logon = networkLogon("DC01", "2021-01-01T10:00:30Z", "bob", "WS5");
        Event systemOnDc = sysmon1("DC01", "2021-01-01T10:00:40Z", "{c}", "C:\\x\\c.exe", "{s2}",
                "C:\\Windows\\System32\\services.exe", "NT AUTHORITY\\SYSTEM");
        Event bobOnDc = sysmon1("DC01", "2021-01-01T10:05:00Z", "{d}", "C:\\x\\d.exe", "{w}",
                "C:\\Windows\\System32\\wsmprovhost.exe", "CORP\\bob");
        StoryBuilder.Result r = build(List.of(bobOnWs5, systemOnWs5, logon, systemOnDc, bobOnDc),
                List.of(bobOnWs5, systemOnWs5, systemOnDc, bobOnDc));
        int[] of = r.storyOfFinding();
        assertEquals(of[0], of[3], "bob's findings on both sides of his logon");
        assertNotEquals(of[0], of[1]);
        assertNotEquals(of[0], of[2]);
        assertNotEquals(of[1], of[2], "the system's own findings closest to the logon are not linked by it");
    }

    @Test
    void remoteTargetsAreReadFromCommandLines() {
        assertEquals("dc01", FactExtractor.remoteTarget("psexec.exe \\\\dc01.corp.local -accepteula cmd"));
        assertEquals("10.0.0.5", FactExtractor.remoteTarget("wmic /node:\"10.0.0.5\" process call create calc"));
        assertNull(FactExtractor.remoteTarget("cmd /c dir \\\\127.0.0.1\\admin$"));
        assertNull(FactExtractor.remoteTarget("notepad.exe c:\\x.txt"));
        assertEquals("psexesvc.exe", FactExtractor.serviceImage("\"%systemroot%\\psexesvc.exe\" -k"));
        assertEquals("cmd.exe", FactExtractor.serviceImage("%comspec% /c echo"));
    }

    @Test
    void tasksExecutablesAndAccountsAreReadAsOtherRecordsNameThem() {
        assertEquals("updater", FactExtractor.schtasksName("schtasks /create /tn \"updater\" /tr c:\\x.exe /sc once"));
        assertEquals("microsoft\\win\\sync", FactExtractor.schtasksName("schtasks.exe /run /tn microsoft\\win\\sync"));
        assertNull(FactExtractor.schtasksName("cmd /c echo /tn x"));
        assertEquals("updater", FactExtractor.taskName("\\updater"));
        assertEquals("microsoft\\windows\\defrag", FactExtractor.registryTask(
                "hklm\\software\\microsoft\\windows nt\\currentversion\\schedule\\taskcache\\tree\\microsoft\\windows\\defrag\\index",
                true));
        assertEquals("updater", FactExtractor.registryTask(
                "hklm\\software\\microsoft\\windows nt\\currentversion\\schedule\\taskcache\\tree\\updater", false));
        assertNull(FactExtractor.registryTask("hklm\\software\\run\\x", true));
        assertEquals("c:\\programdata\\x\\rekeywiz.exe", FactExtractor.executableIn("\"c:\\programdata\\x\\rekeywiz.exe\" -svc"));
        assertNull(FactExtractor.executableIn("dword (0x00000001)"));
        Event kerberos = Event.builder("t").add("Channel", "Security").add("EventID", "4769").add("Computer", "DC")
                .add("TargetUserName", "pgustavo@THESHIRE.LOCAL").add("TargetDomainName", "THESHIRE.LOCAL").build();
        assertEquals("theshire\\pgustavo", FactExtractor.account(kerberos, "TargetUserName", "TargetDomainName"));
    }

    @Test
    void storyIdsHaveAtLeastFourDigitsAsTheyAlwaysHad() {
        for (int n : new int[] {1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 123456}) {
            assertEquals(String.format("story-%04d", n), StoryBuilder.storyId(n));
        }
        assertEquals("story-0042", StoryBuilder.storyId(42));
        assertEquals("story-12345", StoryBuilder.storyId(12345));
    }
}
