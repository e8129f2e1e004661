package org.dotlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An intrusion written as NXLog JSON events, hunted with the built-in rules: a web shell on an Exchange
 * server runs whoami, dumps LSASS and uses PsExec to reach a domain controller, where ntdsutil copies
 * the AD database and PsExec reaches a billing server, where rar packs call records with a password.
 * Meanwhile, a day later, an administrator's routine PsExec between two other hosts.
 */
class StoryScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final WrittenEvents log = new WrittenEvents();

    @Test
    void anIntrusionOverThreeHostsIsOneStoryAndRoutineAdminWorkAnother() throws Exception {
        String sys = "NT AUTHORITY\\SYSTEM";
        // Exchange front end: the IIS worker runs a China Chopper command, which dumps LSASS and runs PsExec
        log.process("2021-03-03 10:00:00", "EXCH01.corp.local", "{a0000000-0000-0000-0000-000000000001}",
                "C:\\Windows\\System32\\inetsrv\\w3wp.exe", "w3wp.exe -ap MSExchangeOWAAppPool",
                "{a0000000-0000-0000-0000-000000000000}", "C:\\Windows\\System32\\svchost.exe", sys);
        log.process("2021-03-03 10:01:00", "EXCH01.corp.local", "{a0000000-0000-0000-0000-000000000002}",
                "C:\\Windows\\System32\\cmd.exe",
                "cmd /c cd /d \"C:\\inetpub\\wwwroot\\aspnet_client\"&whoami&echo [S]&cd&echo [E]",
                "{a0000000-0000-0000-0000-000000000001}", "C:\\Windows\\System32\\inetsrv\\w3wp.exe", sys);
        log.process("2021-03-03 10:02:00", "EXCH01.corp.local", "{a0000000-0000-0000-0000-000000000003}",
                "C:\\ProgramData\\pd64.exe", "pd64.exe -accepteula -ma lsass.exe C:\\ProgramData\\l.dmp",
                "{a0000000-0000-0000-0000-000000000002}", "C:\\Windows\\System32\\cmd.exe", sys);
        log.event("2021-03-03 10:02:01", "EXCH01.corp.local", "Microsoft-Windows-Sysmon/Operational", 10,
                Map.of("SourceProcessGUID", "{a0000000-0000-0000-0000-000000000003}", "SourceImage",
                        "C:\\ProgramData\\pd64.exe", "TargetImage", "C:\\Windows\\System32\\lsass.exe",
                        "GrantedAccess", "0x1fffff"));
        log.process("2021-03-03 10:05:00", "EXCH01.corp.local", "{a0000000-0000-0000-0000-000000000004}",
                "C:\\ProgramData\\PsExec.exe", "PsExec.exe \\\\DC01 -accepteula -s cmd /c ntdsutil",
                "{a0000000-0000-0000-0000-000000000002}", "C:\\Windows\\System32\\cmd.exe", sys);
        // the domain controller: the PsExec service, ntdsutil, and PsExec on to the billing server
        log.service("2021-03-03 10:05:05", "DC01.corp.local");
        log.process("2021-03-03 10:05:06", "DC01.corp.local", "{d0000000-0000-0000-0000-000000000001}",
                "C:\\Windows\\PSEXESVC.exe", "C:\\Windows\\PSEXESVC.exe",
                "{d0000000-0000-0000-0000-000000000000}", "C:\\Windows\\System32\\services.exe", sys);
        log.process("2021-03-03 10:06:00", "DC01.corp.local", "{d0000000-0000-0000-0000-000000000002}",
                "C:\\Windows\\System32\\ntdsutil.exe", "ntdsutil \"ac i ntds\" ifm \"create full c:\\temp\\x\" q q",
                "{d0000000-0000-0000-0000-000000000001}", "C:\\Windows\\PSEXESVC.exe", sys);
        log.process("2021-03-03 10:15:00", "DC01.corp.local", "{d0000000-0000-0000-0000-000000000003}",
                "C:\\Windows\\Temp\\PsExec.exe", "PsExec.exe \\\\BILL01 -accepteula -s cmd /c rar",
                "{d0000000-0000-0000-0000-000000000001}", "C:\\Windows\\PSEXESVC.exe", sys);
        // the billing server: the PsExec service, then rar with a password over the call records
        log.service("2021-03-03 10:15:05", "BILL01.corp.local");
        log.process("2021-03-03 10:15:06", "BILL01.corp.local", "{b0000000-0000-0000-0000-000000000001}",
                "C:\\Windows\\PSEXESVC.exe", "C:\\Windows\\PSEXESVC.exe",
                "{b0000000-0000-0000-0000-000000000000}", "C:\\Windows\\System32\\services.exe", sys);
        log.process("2021-03-03 10:20:00", "BILL01.corp.local", "{b0000000-0000-0000-0000-000000000002}",
                "C:\\Program Files\\WinRAR\\rar.exe", "rar.exe a -hpS3cret C:\\$Recycle.Bin\\cdr.rar D:\\cdr\\*.csv",
                "{b0000000-0000-0000-0000-000000000001}", "C:\\Windows\\PSEXESVC.exe", sys);
        // the next day, elsewhere: an administrator's PsExec to an application server
        log.process("2021-03-04 14:00:00", "ADMIN-WS.corp.local", "{c0000000-0000-0000-0000-000000000001}",
                "C:\\Tools\\PsExec.exe", "PsExec.exe \\\\APP07 -accepteula ipconfig /all",
                "{c0000000-0000-0000-0000-000000000000}", "C:\\Windows\\explorer.exe", "CORP\\admin");
        log.service("2021-03-04 14:00:03", "APP07.corp.local");
        log.process("2021-03-04 14:00:04", "APP07.corp.local", "{e0000000-0000-0000-0000-000000000001}",
                "C:\\Windows\\PSEXESVC.exe", "C:\\Windows\\PSEXESVC.exe",
                "{e0000000-0000-0000-0000-000000000000}", "C:\\Windows\\System32\\services.exe", sys);
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        log.writeTo(logs.resolve("events.json"));

        Path out = tmp.resolve("out");
        CommandLine cli = Dotlink.commandLine();
        StringWriter err = new StringWriter();
        StringWriter stdout = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(stdout));
        assertEquals(0, cli.execute("hunt", logs.toString(), "--out", out.toString()), err.toString());

        JsonNode doc = JSON.readTree(out.resolve("stories.json").toFile());
        JsonNode stories = doc.path("stories");
        assertEquals(2, stories.size(), doc.toPrettyString());
        JsonNode attack = stories.get(0);
        JsonNode admin = stories.get(1);
        assertEquals("story-0001", attack.path("id").asText());
        assertEquals(List.of("exch01", "dc01", "bill01"), texts(attack.path("hosts")));
        // the web shell (initial access, execution, persistence), the archive hidden in the Recycle Bin
        // (defense evasion), LSASS and NTDS (credential access), PsExec (lateral movement), rar (collection)
        assertEquals(List.of("initial-access", "execution", "persistence", "defense-evasion", "credential-access",
                "lateral-movement", "collection"), texts(attack.path("tactics")), "tactics in kill-chain order");
        Set<String> attackRules = new TreeSet<>();
        attack.path("findings").forEach(f -> attackRules.add(f.path("rule_title").asText()));
        System.out.println("attack story: " + attack.path("findings").size() + " findings, score "
                + attack.path("score").asDouble() + ", rules " + attackRules);
        attack.path("links").forEach(l -> System.out.println("  " + l.path("kind").asText() + ": " + l.path("reason").asText()));
        assertEquals(texts(attack.path("findings")).size(), attack.path("links").size() + 1, "a tree of links");
        Set<String> kinds = new TreeSet<>();
        attack.path("links").forEach(l -> kinds.add(l.path("kind").asText()));
        assertEquals(Set.of("process-tree", "remote-access", "service"), kinds);

        assertEquals(List.of("admin-ws", "app07"), texts(admin.path("hosts")));
        assertTrue(admin.path("score").asDouble() < attack.path("score").asDouble() / 3,
                "routine admin work scores low: " + admin.path("score") + " vs " + attack.path("score"));

        // every finding names its story
        for (String line : Files.readAllLines(out.resolve("findings.jsonl"))) {
            JsonNode f = JSON.readTree(line);
            String host = f.path("host").asText().toLowerCase();
            String expected = host.startsWith("admin-ws") || host.startsWith("app07") ? "story-0002" : "story-0001";
            assertEquals(expected, f.path("story").asText(), line);
        }
        assertTrue(stdout.toString().contains("Stories: 2 from "), stdout.toString());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        return out;
    }
}
