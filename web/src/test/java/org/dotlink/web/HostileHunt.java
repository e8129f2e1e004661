package org.dotlink.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A hunt output folder written for the tests: findings whose event fields, host and user names carry
 * script and HTML payloads, one story linking them through a hostile account, and one cluster.
 * Every payload, if it ever ran, would set {@code window.__pwned} or add an element with id {@code pwn}.
 */
final class HostileHunt {

    static final List<String> PAYLOADS = List.of(
            "<script>window.__pwned=1</script>",
            "<img id=pwn src=x onerror=\"window.__pwned=1\">",
            "\"><svg id=pwn onload=window.__pwned=1>",
            "'><iframe id=pwn src=\"javascript:window.__pwned=1\"></iframe>",
            "</td></tr></table><b id=pwn onmouseover=window.__pwned=1>x</b>",
            "javascript:window.__pwned=1//",
            "{{constructor.constructor('window.__pwned=1')()}}");

    static final String HOST = "<img id=pwn src=x onerror=window.__pwned=1>.corp";
    static final String USER = "CORP\\<svg id=pwn onload=window.__pwned=1>";
    static final String INJECTION = "' ; DROP TABLE findings; --";

    private HostileHunt() {}

    /** Writes the folder; returns how many findings it holds. */
    static int write(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        ArrayNode storyFindings = json.createArrayNode();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            ObjectNode f = json.createObjectNode();
            f.put("time", "2021-03-03T10:00:0" + i + ".0000000Z");
            f.put("host", i % 2 == 0 ? HOST : "ws01");
            f.put("channel", "Microsoft-Windows-Sysmon/Operational");
            f.put("event_id", 1);
            f.put("record_id", 100 + i);
            f.put("source", "logs/" + p + ".evtx");
            f.put("rule_id", "rule-" + i);
            f.put("rule_title", "Hostile " + p);
            f.put("level", i < 3 ? "high" : "medium");
            f.putArray("techniques").add("T1059.001");
            f.putArray("tactics").add("execution");
            f.putArray("software");
            f.putNull("asset_role");
            f.put("story", "story-0001");
            ObjectNode fields = f.putObject("fields");
            fields.put("EventID", "1");
            fields.put("EventRecordID", String.valueOf(100 + i));
            fields.put("TimeCreated_SystemTime", f.get("time").asText());
            fields.put("Computer", f.get("host").asText());
            fields.put("Channel", "Microsoft-Windows-Sysmon/Operational");
            fields.put("CommandLine", "powershell -c \"" + p + "\"");
            fields.put("User", USER);
            fields.put(p, "field named by a payload");
            lines.add(json.writeValueAsString(f));
            String key = "rule-" + i + "@logs/" + p + ".evtx#" + (100 + i) + "@" + (512 * i);
            storyFindings.addObject().put("key", key).put("time", f.get("time").asText())
                    .put("host", f.get("host").asText()).put("rule_id", "rule-" + i)
                    .put("rule_title", "Hostile " + p).put("level", f.get("level").asText())
                    .put("source", "logs/" + p + ".evtx").put("record_id", 100 + i);
        }
        Files.write(dir.resolve("findings.jsonl"), lines, StandardCharsets.UTF_8);

        ObjectNode stories = json.createObjectNode();
        stories.put("findings", lines.size());
        stories.put("stories_total", 1);
        ObjectNode story = stories.putArray("stories").addObject();
        story.put("id", "story-0001");
        story.put("score", 42.0);
        story.putArray("hosts").add(HOST).add("ws01");
        story.putArray("users").add(USER);
        story.put("first_seen", "2021-03-03T10:00:00.0000000Z");
        story.put("last_seen", "2021-03-03T10:00:06.0000000Z");
        story.putArray("tactics").add("execution");
        story.putArray("techniques").add("T1059.001");
        story.putArray("software").add(PAYLOADS.get(0));
        story.set("findings", storyFindings);
        ArrayNode links = story.putArray("links");
        for (int i = 1; i < storyFindings.size(); i++) {
            String p = PAYLOADS.get(i);
            boolean process = i % 2 == 0;
            links.addObject().put("from", storyFindings.get(i - 1).get("key").asText())
                    .put("to", storyFindings.get(i).get("key").asText())
                    .put("kind", process ? "process-tree" : "user-on-host")
                    .put("entity", (process ? p : USER) + " on " + HOST)
                    .put("reason", "the reason is " + p);
        }
        json.writeValue(dir.resolve("stories.json").toFile(), stories);

        ObjectNode clusters = json.createObjectNode();
        clusters.put("clusters_total", 2);
        clusters.put("attribution", "ranked against " + PAYLOADS.get(1));
        ArrayNode list = clusters.putArray("clusters");
        for (int c = 1; c <= 2; c++) {
            ObjectNode cl = list.addObject();
            cl.put("id", "cluster-0" + c);
            cl.put("score", 10.0 * c);
            cl.putArray("stories").add("story-0001");
            cl.putArray("hosts").add(HOST);
            cl.put("first_seen", "2021-03-03T10:00:00.0000000Z");
            cl.put("last_seen", "2021-03-03T10:00:06.0000000Z");
            cl.putArray("tactics").add("execution");
            cl.putArray("techniques").add("T1059.001");
            cl.putArray("software").add(PAYLOADS.get(2));
            cl.putArray("indicators").add("account:" + USER);
            ObjectNode a = cl.putArray("attribution").addObject();
            a.put("id", "G0001").put("name", PAYLOADS.get(3)).put("score", 1.5).put("confidence", 0.4)
                    .put("confidence_label", PAYLOADS.get(4));
            a.putArray("evidence_for").add(PAYLOADS.get(0)).add(PAYLOADS.get(1));
            a.putArray("evidence_against").add(PAYLOADS.get(2));
        }
        ObjectNode overlap = clusters.putArray("overlap").addObject();
        overlap.put("a", "cluster-01").put("b", "cluster-02").put("technique_jaccard", 0.5).put("software_jaccard", 0.0);
        overlap.putArray("shared_techniques").add(PAYLOADS.get(1));
        json.writeValue(dir.resolve("clusters.json").toFile(), clusters);

        ObjectNode summary = json.createObjectNode();
        summary.putObject("run").put("seconds", 1.0);
        ObjectNode inputs = summary.putObject("inputs");
        inputs.putArray("paths").add(PAYLOADS.get(5));
        inputs.put("files_read", 1).put("events", lines.size());
        inputs.putArray("problems").add("logs/x.evtx: offset 4096: " + PAYLOADS.get(1));
        json.writeValue(dir.resolve("summary.json").toFile(), summary);
        return lines.size();
    }
}
