package org.dotlink.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.core.ActivityCluster;
import org.dotlink.core.Story;
import org.dotlink.intel.export.TechniqueCounts;

/** Written hunts for report tests: findings.jsonl lines, stories and clusters, with chosen strings in them. */
public final class SampleReports {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] LEVELS = {"informational", "low", "medium", "high", "critical"};
    private static final String[][] TECHNIQUES = {{"T1003.001", "credential-access"}, {"T1059.001", "execution"},
            {"T1021.002", "lateral-movement"}, {"T1547.001", "persistence"}, {"T1505.003", "persistence"},
            {"T1570", "lateral-movement"}, {"T1048", "exfiltration"}, {"T1190", "initial-access"}};

    private SampleReports() {}

    /**
     * Writes {@code n} findings into {@code dir/findings.jsonl} and returns the report data of a hunt that
     * found them, every host, user, command line, URL, rule title, story and cluster string taken in turn
     * from {@code strings}.
     */
    public static ReportData write(Path dir, int n, List<String> strings) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("findings.jsonl");
        TechniqueCounts counts = new TechniqueCounts();
        Instant t0 = Instant.parse("2021-03-01T00:00:00Z");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                String s = strings.get(i % strings.size());
                String[] technique = TECHNIQUES[i % TECHNIQUES.length];
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("CommandLine", "cmd.exe /c " + s);
                fields.put("User", "CORP\\" + s);
                fields.put("Image", "C:\\Windows\\System32\\cmd.exe");
                fields.put("cs-uri-stem", "/owa/" + s);
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("time", t0.plusSeconds(i * 37L % (21 * 86400)).toString());
                f.put("host", "HOST-" + (i % 17) + (i % 5 == 0 ? s : ""));
                f.put("channel", "Microsoft-Windows-Sysmon/Operational");
                f.put("event_id", 1);
                f.put("record_id", i);
                f.put("source", "logs/" + s + ".evtx");
                f.put("rule_id", "rule-" + (i % 40));
                f.put("rule_title", "Rule " + (i % 40) + " " + s);
                f.put("level", LEVELS[i % LEVELS.length]);
                f.put("techniques", List.of(technique[0]));
                f.put("tactics", List.of(technique[1]));
                f.put("story", "story-000" + (1 + i % 3));
                f.put("fields", fields);
                w.write(JSON.writeValueAsString(f));
                w.newLine();
                counts.add("story-000" + (1 + i % 3), List.of(technique[0]), "Rule " + (i % 40) + " " + s);
            }
        }
        List<Story> stories = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            String s = strings.get(k % strings.size());
            List<Story.FindingRef> refs = new ArrayList<>();
            List<Story.Link> links = new ArrayList<>();
            for (int j = 0; j < 6; j++) {
                refs.add(new Story.FindingRef("f" + k + "-" + j, t0.plusSeconds(j * 60L).toString(), "host-" + j % 2,
                        "rule-" + j, "Rule " + j + " " + s, LEVELS[(j + 2) % 5], "logs/a.evtx", j));
            }
            links.add(new Story.Link("f" + k + "-0", "f" + k + "-1", "process-tree", "cmd.exe " + s + " on host-0",
                    "both ran in the process tree of cmd.exe " + s + " on host-0"));
            links.add(new Story.Link("f" + k + "-1", "f" + k + "-2", "user-on-host", "corp\\" + s + " on host-0",
                    "the same account corp\\" + s + " on host-0 within 30 minutes"));
            links.add(new Story.Link("f" + k + "-2", "f" + k + "-3", "remote-access", "host-0 → host-1",
                    "host-0 reached host-1 as " + s));
            links.add(new Story.Link("f" + k + "-3", "f" + k + "-4", "logon-session", "logon 0x3e7 on host-1",
                    "the same logon session on host-1"));
            links.add(new Story.Link("f" + k + "-4", "f" + k + "-5", "account", "corp\\admin",
                    "the same account corp\\admin on several hosts within 2 hours"));
            stories.add(new Story("story-000" + k, 30 - k, List.of("host-0", "host-1"), List.of("corp\\" + s),
                    t0.toString(), t0.plusSeconds(300).toString(), List.of("execution", "lateral-movement"),
                    List.of("T1059.001", "T1021.002"), List.of("S0029"), List.of("ip:203.0.113.7",
                    "domain:" + s, "hash:" + "ab".repeat(32)), refs, links));
        }
        List<ActivityCluster> clusters = new ArrayList<>();
        for (int c = 1; c <= 3; c++) {
            String s = strings.get((c + 1) % strings.size());
            clusters.add(new ActivityCluster("cluster-0" + c, 100.0 / c, List.of("story-000" + c), List.of("host-0", s),
                    t0.toString(), t0.plusSeconds(300).toString(), List.of("execution", "lateral-movement"),
                    List.of("T1059.001", "T1021.002", "T1003.001"), List.of("S0029"), List.of("ip:203.0.113." + c),
                    List.of(new ActivityCluster.Candidate("G0093", "GALLIUM " + s, 12.5, 0.8 / c, c == 1 ? "high" : "low",
                                    List.of("T1003.001 LSASS Memory (" + s + ")"), List.of("S0002 Mimikatz " + s)),
                            new ActivityCluster.Candidate("G0019", "Naikon", 3.1, 0.1, "low", List.of(), List.of()))));
        }
        List<ActivityCluster.Overlap> overlaps = List.of(
                new ActivityCluster.Overlap("cluster-01", "cluster-02", 0.5, 1.0, List.of("T1059.001")),
                new ActivityCluster.Overlap("cluster-01", "cluster-03", 0.25, 0.0, List.of()),
                new ActivityCluster.Overlap("cluster-02", "cluster-03", 0.75, 1.0, List.of("T1021.002")));
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("paths", List.of("logs/" + strings.get(0)));
        inputs.put("files_read", 3);
        inputs.put("events", n * 10L);
        inputs.put("damaged_inputs", 1);
        inputs.put("warnings", 0);
        inputs.put("problems", strings.stream().map(s -> "logs/" + s + ".evtx: chunk 2 at offset 0x11000: " + s).toList());
        summary.put("inputs", inputs);
        summary.put("rules", Map.of("loaded", 40));
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("total", n);
        findings.put("by_level", Map.of("informational", n / 5, "low", n / 5, "medium", n / 5, "high", n / 5,
                "critical", n - 4 * (n / 5)));
        findings.put("by_host", Map.of("host-0" + strings.get(0), n / 2, "host-1", n / 3));
        findings.put("by_rule", List.of(Map.of("rule_id", "rule-1", "rule_title", "Rule 1 " + strings.get(0),
                "findings", n / 40)));
        summary.put("findings", findings);
        return new ReportData(summary, FindingTable.read(file, FindingTable.MAX_ROWS), counts, stories, clusters,
                overlaps, null, null);
    }
}
