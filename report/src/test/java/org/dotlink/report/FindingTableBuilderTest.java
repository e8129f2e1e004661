package org.dotlink.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.EventRef;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.dotlink.core.json.FindingJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table a hunt builds as findings go by is the one read back from the findings.jsonl they make. */
class FindingTableBuilderTest {

    @Test
    void builtTableEqualsTheOneReadBackFromFindingsJsonl(@TempDir Path dir) throws Exception {
        RuleInfo whoami = new RuleInfo("r1", "Whoami Execution", Level.MEDIUM, List.of("T1033"), List.of("discovery"), List.of());
        RuleInfo brute = new RuleInfo("r2", "Logon failures <from one source>", Level.HIGH, List.of("T1110", "T1110.001"),
                List.of("credential-access"), List.of("S0002"));
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Event.Builder b = Event.builder("C:\\logs\\sec" + (i % 2) + ".evtx")
                    .add("Channel", "Microsoft-Windows-Sysmon/Operational").add("EventID", "1")
                    .add("Computer", "ws" + i + ".corp").add("TimeCreated_SystemTime", "2026-11-2" + (7 - i) + "T10:00:00.000Z")
                    .add("CommandLine", i == 3 ? "x".repeat(250) : "whoami /all <script>\"q\"")
                    .add("User", i == 4 ? "-" : "CORP\\bob").add("Image", "");
            if (i != 5) {
                b.add("EventRecordID", Integer.toString(100 + i));
            }
            if (i == 6) {
                b.add("TargetObject", "HKLM\\a").add("TargetObject", "HKLM\\b"); // two values: not shown
            }
            findings.add(Finding.of(Detection.of(whoami, b.build())));
        }
        Map<String, String> groupBy = new LinkedHashMap<>();
        groupBy.put("IpAddress", "10.0.0.5");
        groupBy.put("TargetUserName", "adm\"in");
        findings.add(new Finding(Detection.correlation(brute, List.of(new EventRef("sec.evtx", 7, "2026-11-20T09:00:00.000Z"),
                new EventRef("sec.evtx", 9, "2026-11-20T09:01:00.000Z")), groupBy, "dc1"), Level.HIGH, null, null));
        String[] stories = {"story-2", null, "story-1", "story-1", null, "story-2", "story-3", "story-1"};

        Path file = dir.resolve("findings.jsonl");
        List<Finding> withStories = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            withStories.add(stories[i] == null ? findings.get(i) : findings.get(i).withStory(stories[i]));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            FindingJson.lines(withStories).writeTo(out);
        }
        for (int maxRows : new int[] {100, 5}) {
            FindingTable.Builder builder = new FindingTable.Builder(maxRows);
            findings.forEach(builder::add);
            assertEquals(FindingTable.read(file, maxRows), builder.build(i -> stories[i]), "at most " + maxRows + " rows");
        }
    }
}
