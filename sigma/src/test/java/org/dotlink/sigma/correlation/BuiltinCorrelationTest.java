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
}
