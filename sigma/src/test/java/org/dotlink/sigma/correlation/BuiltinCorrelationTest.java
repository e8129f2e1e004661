package org.dotlink.sigma.correlation;

import static org.dotlink.sigma.correlation.Correlate.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Level;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.evtx.EvtxReader;
import org.dotlink.sigma.SharedData;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.compile.RuleCompiler;
import org.dotlink.sigma.logsource.LogsourceMapping;
import org.dotlink.sigma.rule.RuleLoader;
import org.junit.jupiter.api.Test;

/** Dotlink's own correlation rules (resources under org/dotlink/sigma/builtin) over real and written events. */
class BuiltinCorrelationTest {

    private static final String GUESSING = "dotlink_corr_network_password_guessing.yml";
    private static final String RECON = "dotlink_corr_recon_command_burst.yml";

    /** Loads one built-in rule file from the classpath and links it; it must have no problems. */
    private static Correlate.Linked builtin(String file) throws Exception {
        try (InputStream in = BuiltinCorrelationTest.class.getResourceAsStream("/org/dotlink/sigma/builtin/" + file)) {
            assertNotNull(in, file);
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            RuleLoader.Result loaded = RuleLoader.load("builtin/" + file, reader);
            assertEquals(List.of(), loaded.problems());
            RuleCompiler compiler = new RuleCompiler(LogsourceMapping.builtIn(), Map.of(), loaded.filters());
            List<CompiledRule> rules = loaded.rules().stream().map(compiler::compile).toList();
            Correlate.Linked linked = new Correlate.Linked(loaded, rules,
                    CorrelationCompiler.compile(loaded.correlations(), rules));
            assertEquals(List.of(), linked.correlations().problems());
            return linked;
        }
    }

    @Test
    void theBuiltInIndexListsTheseFiles() throws Exception {
        try (InputStream in = BuiltinCorrelationTest.class.getResourceAsStream("/org/dotlink/sigma/builtin/index.txt")) {
            assertNotNull(in);
            List<String> listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).toList();
            assertEquals(true, listed.contains(GUESSING) && listed.contains(RECON), listed.toString());
        }
    }

    /** The events of the DeepBlueCLI SMB password-guessing sample (3,561 failed logons in 163 s), in time order. */
    private static List<Event> smbPasswordGuessing() throws Exception {
        Path file = SharedData.path("evtx-samples-extra/DeepBlueCLI/smb-password-guessing-security.evtx");
        List<Event> events = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (EventBatch b : EvtxReader.readAll(in, file.toString())) {
                assertEquals(List.of(), b.problems());
                events.addAll(b.events());
            }
        }
        events.sort(Comparator.comparing(Event::time)); // the batch driver's order
        return events;
    }

    @Test
    void smbPasswordGuessingSampleFiresOnce() throws Exception {
        List<Event> events = smbPasswordGuessing();
        Correlate.Linked linked = builtin(GUESSING);
        CompiledRule failedLogon = linked.rules().get(0);
        assertEquals(3561, events.size());
        assertEquals(3561, events.stream().filter(failedLogon::matches).count(), "every event is a failed type 3 logon");
        Correlate.Run run = Correlate.run(linked, events);
        // 3,560 failures for Administrator (and one for JcDfcZTc) from 192.168.198.149 within 163 s: one
        // 5-minute window, so one detection, made by the first 20
        assertEquals(1, run.correlations().size());
        Detection d = run.correlations().get(0);
        assertEquals("Network password guessing against one account", d.rule().title());
        assertEquals("8f0f9a0b-1083-4fbf-b49a-2cf7d1765430", d.rule().id());
        assertEquals(Level.MEDIUM, d.rule().level());
        assertEquals(List.of("T1110.001"), d.rule().techniques());
        assertEquals(List.of("credential-access"), d.rule().tactics());
        assertEquals(Map.of("IpAddress", "192.168.198.149", "TargetUserName", "Administrator"), d.groupBy());
        assertEquals("DESKTOP-M5SN04R", d.host());
        assertEquals("2016-09-19T16:50:07.3939153Z", d.time());
        assertEquals(java.util.stream.LongStream.rangeClosed(2456, 2475).boxed().toList(),
                d.events().stream().map(r -> r.recordId()).toList());
        assertEquals(List.of(), run.base(), "the failed logons themselves are not reported");
    }

    @Test
    void smbPasswordGuessingThinnedBelowTheThresholdDoesNotFire() throws Exception {
        List<Event> events = smbPasswordGuessing();
        Correlate.Linked linked = builtin(GUESSING);
        // every 179th event: 20 events, the first (JcDfcZTc) and 19 for Administrator, all within 163 s
        List<Event> below = every(events, 179);
        assertEquals(20, below.size());
        assertEquals(List.of(), Correlate.run(linked, below).correlations());
        // every 170th: 21 events, 20 for Administrator: the threshold is reached at the last one
        List<Event> at = every(events, 170);
        assertEquals(21, at.size());
        Correlate.Run run = Correlate.run(linked, at);
        assertEquals(1, run.correlations().size());
        assertEquals(at.subList(1, 21).stream().map(Event::recordId).toList(),
                run.correlations().get(0).events().stream().map(r -> r.recordId()).toList());
    }

    private static List<Event> every(List<Event> events, int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i += n) {
            out.add(events.get(i));
        }
        return out;
    }

    /** Sysmon process creation on {@code host}. */
    private static Event sysmon(long record, double seconds, String host, String image) {
        return event(record, seconds, "Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", "1", "Computer",
                host, "Image", image, "User", "CORP\\eve");
    }

    /** Security 4688 process creation on {@code host}: the image is NewProcessName there. */
    private static Event security(long record, double seconds, String host, String image) {
        return event(record, seconds, "Channel", "Security", "EventID", "4688", "Computer", host, "NewProcessName",
                image, "SubjectUserName", "eve");
    }

    private static final String SYS32 = "C:\\Windows\\System32\\";

    @Test
    void aBurstOfReconCommandsFires() throws Exception {
        Correlate.Linked linked = builtin(RECON);
        List<Event> events = List.of(
                sysmon(1, 0, "WS7", SYS32 + "whoami.exe"),
                security(2, 30, "WS7", SYS32 + "ipconfig.exe"), // 4688: read through the rule's field mapping
                sysmon(3, 60, "WS8", SYS32 + "whoami.exe"), // another host
                sysmon(4, 90, "WS7", SYS32 + "WHOAMI.EXE"), // the same program again
                sysmon(5, 120, "WS7", SYS32 + "net.exe"),
                sysmon(6, 121, "WS7", SYS32 + "net1.exe"), // started by net.exe: not counted
                sysmon(7, 125, "WS7", SYS32 + "notepad.exe"), // not reconnaissance
                security(8, 200, "WS7", SYS32 + "nltest.exe"),
                sysmon(9, 400, "WS7", SYS32 + "systeminfo.exe"), // the fifth distinct program, within 10 minutes
                sysmon(10, 420, "WS7", SYS32 + "tasklist.exe")); // same window: absorbed
        Correlate.Run run = Correlate.run(linked, events);
        assertEquals(List.of(List.of(1L, 2L, 4L, 5L, 8L, 9L)), run.records());
        Detection d = run.correlations().get(0);
        assertEquals(Map.of("Computer", "WS7"), d.groupBy());
        assertEquals("WS7", d.host());
        assertEquals(Level.MEDIUM, d.rule().level());
        assertEquals(List.of("discovery"), d.rule().tactics());
        assertEquals(List.of("T1033", "T1016", "T1049", "T1057", "T1082", "T1087", "T1018", "T1482"),
                d.rule().techniques());
        assertEquals(List.of(), run.base());
    }

    @Test
    void fewerOrSlowerReconCommandsDoNotFire() throws Exception {
        Correlate.Linked linked = builtin(RECON);
        List<Event> four = List.of(
                sysmon(1, 0, "WS7", SYS32 + "whoami.exe"),
                sysmon(2, 10, "WS7", SYS32 + "ipconfig.exe"),
                sysmon(3, 20, "WS7", SYS32 + "whoami.exe"),
                sysmon(4, 30, "WS7", SYS32 + "net.exe"),
                sysmon(5, 40, "WS7", SYS32 + "net1.exe"),
                sysmon(6, 50, "WS7", SYS32 + "nltest.exe"),
                sysmon(7, 60, "WS8", SYS32 + "systeminfo.exe")); // the fifth program, on another host
        assertEquals(List.of(), Correlate.run(linked, four).correlations());
        List<Event> slow = List.of(
                sysmon(1, 0, "WS7", SYS32 + "whoami.exe"),
                sysmon(2, 150, "WS7", SYS32 + "ipconfig.exe"),
                sysmon(3, 300, "WS7", SYS32 + "net.exe"),
                sysmon(4, 450, "WS7", SYS32 + "nltest.exe"),
                sysmon(5, 600.5, "WS7", SYS32 + "systeminfo.exe")); // 10 minutes and half a second after the first
        assertEquals(List.of(), Correlate.run(linked, slow).correlations());
    }

    // ---------------------------------------------------------------- correlations for the attack-sample behaviour

    private static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";

    /** A failed Kerberos request on DC1: 4768 or 4771 with a status, for one account from one address. */
    private static Event kerberos(long record, double seconds, int eventId, String status, String ip, String user) {
        return event(record, seconds, "Channel", "Security", "Computer", "DC1", "EventID", String.valueOf(eventId),
                "Status", status, "IpAddress", ip, "TargetUserName", user, "ServiceName", "krbtgt/CORP.EXAMPLE");
    }

    @Test
    void kerberosFailuresForManyAccountsFromOneAddressFire() throws Exception {
        Correlate.Linked linked = builtin("dotlink_corr_kerberos_password_spray.yml");
        List<Event> events = List.of(
                kerberos(1, 0, 4768, "0x6", "172.16.66.1", "HD01"), // no such account
                kerberos(2, 1, 4768, "0x6", "172.16.66.1", "admin"),
                kerberos(3, 2, 4768, "0x0", "172.16.66.1", "normal"), // a ticket was issued: not a failure
                kerberos(4, 3, 4768, "0x6", "172.16.66.9", "svc-01"), // another address
                kerberos(5, 4, 4768, "0x6", "172.16.66.1", "admin"), // the same account again
                kerberos(6, 5, 4771, "0x18", "172.16.66.1", "Administrator"), // wrong password
                kerberos(7, 6, 4771, "0x18", "172.16.66.1", "backdoor"),
                kerberos(8, 7, 4768, "0x18", "172.16.66.1", "svc-02")); // the fifth account
        Correlate.Run run = Correlate.run(linked, events);
        assertEquals(List.of(List.of(1L, 2L, 5L, 6L, 7L, 8L)), run.records());
        Detection d = run.correlations().get(0);
        assertEquals(Map.of("IpAddress", "172.16.66.1"), d.groupBy());
        assertEquals(List.of("T1110.003"), d.rule().techniques());
        assertEquals(List.of(), run.base());
        // four accounts, or five spread over more than 10 minutes: nothing
        assertEquals(List.of(), Correlate.run(linked, events.subList(0, 7)).correlations());
        List<Event> slow = List.of(
                kerberos(1, 0, 4768, "0x6", "172.16.66.1", "a"),
                kerberos(2, 200, 4768, "0x6", "172.16.66.1", "b"),
                kerberos(3, 400, 4771, "0x18", "172.16.66.1", "c"),
                kerberos(4, 500, 4771, "0x18", "172.16.66.1", "d"),
                kerberos(5, 601, 4771, "0x18", "172.16.66.1", "e"));
        assertEquals(List.of(), Correlate.run(linked, slow).correlations());
    }

    /** Sysmon 18: {@code image} connected to {@code pipe} on WS1. */
    private static Event pipe(long record, double seconds, String image, String pipe) {
        return event(record, seconds, "Channel", SYSMON, "Computer", "WS1", "EventID", "18", "EventType", "ConnectPipe",
                "PipeName", pipe, "Image", image);
    }

    @Test
    void manyRemotePipesWithinSecondsFire() throws Exception {
        Correlate.Linked linked = builtin("dotlink_corr_remote_pipe_sweep.yml");
        String[] pipes = {"\\lsass", "\\browser", "\\atsvc", "\\epmapper", "\\eventlog", "\\InitShutdown",
            "\\LSM_API_service", "\\ntsvcs", "\\ROUTER", "\\scerpc"};
        List<Event> burst = new ArrayList<>();
        for (int i = 0; i < pipes.length; i++) {
            burst.add(pipe(i + 1, i * 0.01, "System", pipes[i]));
        }
        Correlate.Run run = Correlate.run(linked, burst);
        assertEquals(1, run.correlations().size());
        assertEquals(Map.of("Computer", "WS1"), run.correlations().get(0).groupBy());
        assertEquals(List.of("discovery"), run.correlations().get(0).rule().tactics());
        // nine pipes by the System process and one by a local program: nothing
        List<Event> local = new ArrayList<>(burst.subList(0, 9));
        local.add(pipe(10, 0.09, "C:\\Windows\\system32\\mmc.exe", "\\scerpc"));
        assertEquals(List.of(), Correlate.run(linked, local).correlations());
        // the ten pipes over 20 seconds: nothing
        List<Event> slow = new ArrayList<>();
        for (int i = 0; i < pipes.length; i++) {
            slow.add(pipe(i + 1, i * 2.0, "System", pipes[i]));
        }
        assertEquals(List.of(), Correlate.run(linked, slow).correlations());
    }

    /** Security 5145 on DC1: {@code user} from {@code ip} opened {@code pipe} over IPC$. */
    private static Event share(long record, double seconds, String ip, String user, String pipe) {
        return event(record, seconds, "Channel", "Security", "Computer", "DC1", "EventID", "5145", "ShareName",
                "\\\\*\\IPC$", "RelativeTargetName", pipe, "IpAddress", ip, "SubjectUserName", user);
    }

    @Test
    void sessionAndAccountPipesQueriedByOneUserFire() throws Exception {
        Correlate.Linked linked = builtin("dotlink_corr_smb_pipe_recon.yml");
        List<Event> events = List.of(
                share(1, 0, "10.0.2.17", "user01", "samr"),
                share(2, 1, "10.0.2.17", "user01", "samr"),
                share(3, 2, "10.0.2.17", "WS7$", "lsarpc"), // the computer account
                share(4, 3, "10.0.2.17", "user01", "NETLOGON"), // not counted
                share(5, 4, "10.0.2.18", "user01", "lsarpc"), // another address
                share(6, 5, "10.0.2.17", "user01", "lsarpc"),
                share(7, 6, "10.0.2.17", "user01", "srvsvc"));
        Correlate.Run run = Correlate.run(linked, events);
        assertEquals(List.of(List.of(1L, 2L, 6L, 7L)), run.records());
        assertEquals(Map.of("Computer", "DC1", "IpAddress", "10.0.2.17", "SubjectUserName", "user01"),
                run.correlations().get(0).groupBy());
        assertEquals(List.of(), Correlate.run(linked, events.subList(0, 6)).correlations());
        List<Event> machine = List.of(
                share(1, 0, "10.0.2.17", "WS7$", "samr"),
                share(2, 1, "10.0.2.17", "WS7$", "lsarpc"),
                share(3, 2, "10.0.2.17", "WS7$", "srvsvc"));
        assertEquals(List.of(), Correlate.run(linked, machine).correlations());
    }

    /** Sysmon 10 on WS1: {@code source} opened {@code target}. */
    private static Event access(long record, double seconds, String source, String target) {
        return event(record, seconds, "Channel", SYSMON, "Computer", "WS1", "EventID", "10", "SourceImage", source,
                "TargetImage", target, "GrantedAccess", "0x1410");
    }

    @Test
    void oneUninstalledProgramOpeningManyProcessesFires() throws Exception {
        Correlate.Linked linked = builtin("dotlink_corr_process_handle_sweep.yml");
        String[] targets = {"smss.exe", "csrss.exe", "wininit.exe", "winlogon.exe", "services.exe", "lsass.exe", "lsm.exe",
            "svchost.exe", "spoolsv.exe", "taskhost.exe"};
        List<Event> sweep = new ArrayList<>();
        List<Event> taskManager = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            sweep.add(access(i + 1, i, "D:\\m.exe", SYS32 + targets[i]));
            taskManager.add(access(i + 1, i, SYS32 + "Taskmgr.exe", SYS32 + targets[i]));
        }
        Correlate.Run run = Correlate.run(linked, sweep);
        assertEquals(1, run.correlations().size());
        assertEquals(Map.of("Computer", "WS1", "SourceImage", "D:\\m.exe"), run.correlations().get(0).groupBy());
        assertEquals(List.of("T1057"), run.correlations().get(0).rule().techniques());
        assertEquals(List.of(), Correlate.run(linked, taskManager).correlations());
        assertEquals(List.of(), Correlate.run(linked, sweep.subList(0, 9)).correlations());
    }

    @Test
    void runDialogRightAfterAnInboundRdpConnectionFires() throws Exception {
        Correlate.Linked linked = builtin("dotlink_corr_rdp_then_run_dialog.yml");
        Event rdp = event(1, 0, "Channel", SYSMON, "Computer", "WS1", "EventID", "3", "Image", SYS32 + "svchost.exe",
                "Initiated", "false", "SourceIp", "192.168.56.1", "DestinationPort", "3389");
        Event mruList = event(2, 6, "Channel", SYSMON, "Computer", "WS1", "EventID", "13", "EventType", "SetValue",
                "Image", "C:\\Windows\\Explorer.EXE", "TargetObject",
                "HKU\\S-1-5-21-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RunMRU\\MRUList");
        Event entry = event(3, 6, "Channel", SYSMON, "Computer", "WS1", "EventID", "13", "EventType", "SetValue",
                "Image", "C:\\Windows\\Explorer.EXE", "TargetObject",
                "HKU\\S-1-5-21-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RunMRU\\a",
                "Details", "cmd.exe\\1");
        Correlate.Run run = Correlate.run(linked, List.of(rdp, mruList, entry));
        assertEquals(List.of(List.of(1L, 3L)), run.records());
        assertEquals(List.of("lateral-movement"), run.correlations().get(0).rule().tactics());
        // the Run dialog first, or only the MRU order changing, or more than a minute later: nothing
        Event early = event(3, -5, "Channel", SYSMON, "Computer", "WS1", "EventID", "13", "EventType", "SetValue",
                "TargetObject", "HKU\\S-1-5-21-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RunMRU\\a");
        assertEquals(List.of(), Correlate.run(linked, List.of(early, rdp)).correlations());
        assertEquals(List.of(), Correlate.run(linked, List.of(rdp, mruList)).correlations());
        Event late = event(3, 61, "Channel", SYSMON, "Computer", "WS1", "EventID", "13", "EventType", "SetValue",
                "TargetObject", "HKU\\S-1-5-21-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RunMRU\\a");
        assertEquals(List.of(), Correlate.run(linked, List.of(rdp, late)).correlations());
    }

    /** Security 4624 logon type 3 on SRV1. */
    private static Event networkLogon(long record, double seconds, String user, String ip, String logonId) {
        return event(record, seconds, "Channel", "Security", "Computer", "SRV1", "EventID", "4624", "LogonType", "3",
                "TargetUserName", user, "IpAddress", ip, "TargetLogonId", logonId);
    }

    /** Security 4698 or 4702 on SRV1 by the session {@code logonId}. */
    private static Event task(long record, double seconds, int eventId, String logonId) {
        return event(record, seconds, "Channel", "Security", "Computer", "SRV1", "EventID", String.valueOf(eventId),
                "SubjectUserName", "a-jbrown", "SubjectLogonId", logonId, "TaskName", "\\LMST");
    }

    @Test
    void taskWrittenByANetworkLogonSessionFires() throws Exception {
        Correlate.Linked linked = builtin("dotlink_corr_network_logon_task.yml");
        List<Event> events = List.of(
                networkLogon(1, 0, "a-jbrown", "172.16.66.142", "0x21a8c68"),
                networkLogon(2, 0.3, "a-jbrown", "172.16.66.142", "0x21a8c80"),
                task(3, 0.4, 4702, "0x21a8c68"));
        Correlate.Run run = Correlate.run(linked, events);
        assertEquals(List.of(List.of(1L, 3L)), run.records());
        assertEquals(Map.of("Computer", "SRV1", "logon", "0x21a8c68"), run.correlations().get(0).groupBy());
        assertEquals(List.of("T1021", "T1053.005"), run.correlations().get(0).rule().techniques());
        // another session, a computer account, a logon from the host itself, a task before the logon: nothing
        assertEquals(List.of(), Correlate.run(linked, List.of(events.get(1), task(3, 0.4, 4698, "0x21a8c68")))
                .correlations());
        assertEquals(List.of(), Correlate.run(linked, List.of(networkLogon(1, 0, "SRV1$", "172.16.66.142", "0x99"),
                task(2, 1, 4698, "0x99"))).correlations());
        assertEquals(List.of(), Correlate.run(linked, List.of(networkLogon(1, 0, "a-jbrown", "::1", "0x98"),
                task(2, 1, 4698, "0x98"))).correlations());
        assertEquals(List.of(), Correlate.run(linked, List.of(task(1, 0, 4698, "0x97"),
                networkLogon(2, 1, "a-jbrown", "172.16.66.142", "0x97"))).correlations());
    }

    /** Security 4672 on DC1 for the session {@code logonId}, with these privileges. */
    private static Event privileges(long record, double seconds, String user, String logonId, String privileges) {
        return event(record, seconds, "Channel", "Security", "Computer", "DC1", "EventID", "4672", "SubjectUserName", user,
                "SubjectLogonId", logonId, "PrivilegeList", privileges);
    }

    /** Security 5145 on DC1: the session {@code logonId} opened {@code target} over {@code shareName}. */
    private static Event sessionShare(long record, double seconds, String logonId, String shareName, String target) {
        return event(record, seconds, "Channel", "Security", "Computer", "DC1", "EventID", "5145", "SubjectUserName", "samir",
                "SubjectLogonId", logonId, "ShareName", shareName, "RelativeTargetName", target, "IpAddress", "172.16.66.25");
    }

    @Test
    void remoteRegistryByABackupOperatorFires() throws Exception {
        Correlate.Linked linked = builtin("dotlink_corr_backup_operator_remote_registry.yml");
        String backup = "SeBackupPrivilege\n\t\t\tSeRestorePrivilege";
        String admin = "SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\tSeDebugPrivilege";
        Correlate.Run run = Correlate.run(linked, List.of(
                privileges(1, 0, "samir", "0x567515", backup),
                sessionShare(2, 0.1, "0x567515", "\\\\*\\IPC$", "winreg"),
                sessionShare(3, 0.2, "0x567515", "\\\\*\\IPC$", "winreg")));
        assertEquals(List.of(List.of(1L, 2L)), run.records());
        assertEquals(List.of("T1003.002", "T1003.004"), run.correlations().get(0).rule().techniques());
        // an administrator, a computer account, another session, files instead of the registry pipe: nothing
        assertEquals(List.of(), Correlate.run(linked, List.of(privileges(1, 0, "Administrator", "0x10", admin),
                sessionShare(2, 0.1, "0x10", "\\\\*\\IPC$", "winreg"))).correlations());
        assertEquals(List.of(), Correlate.run(linked, List.of(privileges(1, 0, "DC1$", "0x11", backup),
                sessionShare(2, 0.1, "0x11", "\\\\*\\IPC$", "winreg"))).correlations());
        assertEquals(List.of(), Correlate.run(linked, List.of(privileges(1, 0, "samir", "0x12", backup),
                sessionShare(2, 0.1, "0x13", "\\\\*\\IPC$", "winreg"))).correlations());
        assertEquals(List.of(), Correlate.run(linked, List.of(privileges(1, 0, "samir", "0x14", backup),
                sessionShare(2, 0.1, "0x14", "\\\\*\\C$", "Users\\PSAM"))).correlations());
    }
}
