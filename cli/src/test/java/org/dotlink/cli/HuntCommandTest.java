package org.dotlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code dotlink hunt} in-process over written events and over the shared EVTX samples. */
class HuntCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliRun hunt(String... args) {
        return CliRun.command("hunt", args);
    }

    private static List<JsonNode> findings(Path dir) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("findings.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** Three Sysmon process creations as NXLog writes them: whoami on a DC, whoami on a workstation, notepad. */
    private Path writtenLogs() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        String line = "{\"EventTime\":\"%s\",\"Hostname\":\"%s\",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"EventID\":1,\"RecordNumber\":%d,\"Image\":\"%s\",\"CommandLine\":\"%s\"}";
        Files.writeString(logs.resolve("sysmon.json"), String.join("\n",
                String.format(line, "2021-03-03 10:00:02", "DC01.corp.local", 7, "C:\\\\Windows\\\\System32\\\\whoami.exe", "whoami /all"),
                String.format(line, "2021-03-03 10:00:01", "WS12.corp.local", 8, "C:\\\\Windows\\\\System32\\\\whoami.exe", "whoami"),
                String.format(line, "2021-03-03 10:00:03", "WS12.corp.local", 9, "C:\\\\Windows\\\\notepad.exe", "notepad"),
                "{broken"));
        return logs;
    }

    private Path writtenRules() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("whoami.yml"), """
                title: Whoami CliRun
                id: 11111111-2222-3333-4444-555555555555
                level: medium
                tags: [attack.discovery, attack.t1033]
                logsource: {category: process_creation, product: windows}
                detection:
                  sel: {Image|endswith: '\\\\whoami.exe'}
                  condition: sel
                """);
        Files.writeString(rules.resolve("linux.yml"), """
                title: A Linux Rule
                logsource: {product: linux, service: auditd}
                detection:
                  sel: {type: EXECVE}
                  condition: not sel
                """);
        Files.writeString(rules.resolve("broken.yml"), "title: [unclosed\n");
        return rules;
    }

    @Test
    void writtenEventsGiveExactFindingsTimelineAndSummary() throws Exception {
        Path out = tmp.resolve("out");
        Path assets = tmp.resolve("assets.csv");
        Files.writeString(assets, "host,role\nDC*,domain-controller\nWS*,workstation\n");
        CliRun r = hunt(writtenLogs().toString(), "--rules", writtenRules().toString(), "--out", out.toString(),
                "--assets", assets.toString(), "--threads", "2", "--no-builtin-rules");

        assertEquals(Dotlink.EXIT_INPUT_PROBLEMS, r.exit(), r.err()); // the broken line
        assertTrue(r.err().contains("sysmon.json") && r.err().contains("line 4"), r.err());
        assertTrue(r.err().contains("broken.yml"), "the broken rule is named: " + r.err());
        List<JsonNode> fs = findings(out);
        assertEquals(2, fs.size());
        JsonNode dc = fs.get(0);
        assertEquals("DC01.corp.local", dc.path("host").asText());
        assertEquals("high", dc.path("level").asText(), "raised one level on a domain controller");
        assertEquals("domain-controller", dc.path("asset_role").asText());
        assertEquals("11111111-2222-3333-4444-555555555555", dc.path("rule_id").asText());
        assertEquals("[\"T1033\"]", dc.path("techniques").toString());
        assertEquals("[\"discovery\"]", dc.path("tactics").toString());
        assertEquals(7, dc.path("record_id").asLong());
        assertEquals("whoami /all", dc.path("fields").path("CommandLine").asText());
        assertEquals("medium", fs.get(1).path("level").asText());
        assertEquals("workstation", fs.get(1).path("asset_role").asText());

        List<String> timeline = Files.readAllLines(out.resolve("timeline.csv"));
        assertEquals(3, timeline.size());
        assertTrue(timeline.get(1).startsWith("2021-03-03T10:00:01.0000000Z,WS12.corp.local,"), "sorted by time: " + timeline);
        assertTrue(timeline.get(2).contains(",high,Whoami CliRun,"), timeline.get(2));

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(2, summary.at("/findings/total").asLong());
        assertEquals(1, summary.at("/findings/by_level/high").asLong());
        assertEquals(1, summary.at("/findings/by_level/medium").asLong());
        assertEquals(3, summary.at("/inputs/events").asLong());
        assertEquals(1, summary.at("/rules/loaded").asLong());
        assertEquals(1, summary.at("/rules/not_loaded").asLong());
        assertEquals(1, summary.at("/rules/other_products_not_run/linux").asLong());
        // the same keys in the same order on every run, so that two summaries can be compared as text
        List<String> keys = new ArrayList<>();
        summary.at("/stories/top/0").fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("id", "score", "findings", "hosts", "tactics"), keys);
        assertTrue(r.out().contains("Findings: 2"), r.out());

        CliRun high = hunt(writtenLogs().toString(), "--rules", writtenRules().toString(), "--out", tmp.resolve("o2").toString(),
                "--assets", assets.toString(), "--min-level", "high", "--quiet", "--no-builtin-rules");
        assertEquals(1, findings(tmp.resolve("o2")).size());
        assertEquals("", high.out());
    }

    @Test
    void badUsageExitsTwoAndNamesWhatIsWrong() throws Exception {
        Path logs = writtenLogs();
        CliRun noRules = hunt(logs.toString(), "--out", tmp.resolve("o").toString(), "--no-builtin-rules");
        assertEquals(Dotlink.EXIT_USAGE, noRules.exit());
        assertTrue(noRules.err().contains("no rules"), noRules.err());

        CliRun missing = hunt(logs.toString(), "--rules", tmp.resolve("nope").toString());
        assertEquals(Dotlink.EXIT_USAGE, missing.exit());
        assertTrue(missing.err().contains("nope: no such rule file or folder"), missing.err());

        Path assets = tmp.resolve("assets.csv");
        Files.writeString(assets, "DC*,domain-controller\nonly-one-column\n");
        CliRun badAssets = hunt(logs.toString(), "--rules", writtenRules().toString(), "--assets", assets.toString());
        assertEquals(Dotlink.EXIT_USAGE, badAssets.exit());
        assertTrue(badAssets.err().contains("assets.csv:2: expected 'host-pattern,role'"), badAssets.err());

        CliRun badLevel = hunt(logs.toString(), "--rules", writtenRules().toString(), "--min-level", "severe");
        assertEquals(Dotlink.EXIT_USAGE, badLevel.exit());
    }

    /** SigmaHQ's rules over the shared EVTX samples: the outputs agree with each other. */
    @Test
    void realSamplesOutputsAgree() throws Exception {
        Path data = SharedData.dir();
        Path out = tmp.resolve("real");
        CliRun r = hunt(data.resolve("evtx-attack-samples").toString(), "--rules", data.resolve("sigma/rules").toString(),
                "--out", out.toString(), "--quiet", "--no-builtin-rules");
        assertEquals(Dotlink.EXIT_OK, r.exit(), r.err());
        List<JsonNode> fs = findings(out);
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(fs.size(), summary.at("/findings/total").asLong());
        assertEquals(fs.size() + 1, Files.readAllLines(out.resolve("timeline.csv")).size());
        Map<String, Long> levels = new HashMap<>();
        Map<String, Long> rules = new HashMap<>();
        for (JsonNode f : fs) {
            levels.merge(f.path("level").asText(), 1L, Long::sum);
            rules.merge(f.path("rule_id").asText(), 1L, Long::sum);
        }
        summary.at("/findings/by_level").fields().forEachRemaining(e ->
                assertEquals(levels.getOrDefault(e.getKey(), 0L), e.getValue().asLong(), e.getKey()));
        for (JsonNode rule : summary.at("/findings/by_rule")) {
            assertEquals(rules.get(rule.path("rule_id").asText()), rule.path("findings").asLong());
        }
        assertEquals(rules.size(), summary.at("/findings/by_rule").size());
        // the DSRM password change sample (event 4794) is found by SigmaHQ's rule for it
        assertTrue(fs.stream().anyMatch(f -> f.path("rule_id").asText().equals("53ad8e36-f573-46bf-97e4-15ba5bf4bb51")
                && f.path("source").asText().endsWith("4794_DSRM_password_change_t1098.evtx")));
        System.out.println("hunt over evtx-attack-samples with sigma/rules: " + fs.size() + " findings, "
                + summary.at("/inputs/events").asLong() + " events");
    }

    /** The built-in password-guessing correlation over the SMB guessing sample: one finding, its 20 events. */
    @Test
    void builtinCorrelationFindsPasswordGuessing() throws Exception {
        Path data = SharedData.dir();
        Path out = tmp.resolve("smb");
        CliRun r = hunt(data.resolve("evtx-samples-extra/DeepBlueCLI/smb-password-guessing-security.evtx").toString(),
                "--out", out.toString(), "--quiet");
        assertEquals(Dotlink.EXIT_OK, r.exit(), r.err());
        List<JsonNode> fs = findings(out);
        assertEquals(1, fs.size(), "the base rule's own detections are not reported (generate is off)");
        JsonNode f = fs.get(0);
        assertEquals("Network password guessing against one account", f.path("rule_title").asText());
        assertTrue(f.path("record_id").isNull());
        assertEquals("192.168.198.149", f.at("/group_by/IpAddress").asText());
        assertEquals("Administrator", f.at("/group_by/TargetUserName").asText());
        assertEquals(20, f.path("events").size());
        assertEquals(2456, f.at("/events/0/record_id").asLong());
        assertEquals("story-0001", f.path("story").asText());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(1, summary.at("/findings/correlations").asLong());
        assertEquals(9, summary.at("/rules/correlations").asLong(), "the built-in pack's correlations");
    }

    /**
     * {@code --db}: the store holds the JSONL's findings, each once by record identity (the shared samples
     * hold one file twice, in two folders: its findings are stored once); a second run adds nothing.
     */
    @Test
    void storeHoldsTheFindingsOnceAndASecondRunAddsNothing() throws Exception {
        Path data = SharedData.dir();
        Path db = tmp.resolve("hunt.duckdb");
        Path out = tmp.resolve("db-run");
        String samples = data.resolve("evtx-attack-samples").toString();
        CliRun first = hunt(samples, "--out", out.toString(), "--db", db.toString(), "--no-builtin-rules",
                "--rules", data.resolve("sigma/rules").toString());
        assertEquals(Dotlink.EXIT_OK, first.exit(), first.err());
        java.util.Set<String> distinct = new java.util.HashSet<>();
        List<JsonNode> fs = findings(out);
        for (JsonNode f : fs) {
            distinct.add(f.path("rule_id").asText() + "/" + org.dotlink.ingest.SourceIdentity.fingerprint(
                    Path.of(f.path("source").asText())) + "/" + f.path("record_id").asText());
        }
        try (org.dotlink.store.Store store = org.dotlink.store.Store.openReadOnly(db)) {
            assertEquals((long) distinct.size(), ((Number) store.query("select count(*) from findings").rows().get(0).get(0))
                    .longValue());
            assertEquals(0L, ((Number) store.query("select count(*) from findings where story is null").rows().get(0)
                    .get(0)).longValue());
        }
        assertTrue(distinct.size() == fs.size() - 1, "one finding is on the duplicated file: " + fs.size() + " vs "
                + distinct.size());
        CliRun second = hunt(samples, "--out", tmp.resolve("db-run2").toString(), "--db", db.toString(),
                "--no-builtin-rules", "--rules", data.resolve("sigma/rules").toString());
        assertEquals(Dotlink.EXIT_OK, second.exit(), second.err());
        assertTrue(second.out().contains("0 new events, 0 new findings"), second.out());
    }

    /** {@code --recover}: findings in carved records are marked and counted apart; without it there are none. */
    @Test
    void recoveredRecordsAreHuntedWhenAsked() throws Exception {
        Path data = SharedData.dir();
        String extra = data.resolve("evtx-samples-extra").toString();
        CliRun plain = hunt(extra, "--out", tmp.resolve("plain").toString(), "--quiet");
        assertEquals(Dotlink.EXIT_OK, plain.exit(), plain.err());
        CliRun recover = hunt(extra, "--out", tmp.resolve("rec").toString(), "--quiet", "--recover");
        assertEquals(Dotlink.EXIT_OK, recover.exit(), recover.err());
        long marked = findings(tmp.resolve("rec")).stream().filter(f -> f.path("recovered").asBoolean()).count();
        JsonNode summary = JSON.readTree(tmp.resolve("rec").resolve("summary.json").toFile());
        assertTrue(marked > 0, "findings in recovered records");
        assertEquals(marked, summary.at("/findings/recovered").asLong());
        assertTrue(summary.at("/inputs/recovered_events").asLong() > marked);
        assertEquals(0, findings(tmp.resolve("plain")).stream().filter(f -> f.path("recovered").asBoolean()).count());
        assertEquals(findings(tmp.resolve("plain")).size() + marked, findings(tmp.resolve("rec")).size(),
                "allocated records give the same findings either way");
    }
}
