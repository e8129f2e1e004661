package org.dotlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributeCommandTest {

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static String bundle() {
        return SharedData.dir().resolve("attack/enterprise-attack.json").toString();
    }

    @Test
    void jsonIsARankedListOfCandidatesWithEvidence() throws Exception {
        CliRun r = run("attribute", "--json", "--top", "4", "--attack", bundle(),
                "--techniques", "T1190,T1505.003,T1003.001,T1560.001,T1136.002", "--software", "S0020,S0040,S1031,S0002");
        assertEquals(0, r.exit(), r.err());
        JsonNode list = new ObjectMapper().readTree(r.out());
        assertTrue(list.isArray());
        assertEquals(4, list.size());
        assertEquals("G0093", list.get(0).get("id").asText());
        assertEquals("GALLIUM", list.get(0).get("name").asText());
        double previous = Double.MAX_VALUE;
        for (JsonNode c : list) {
            assertEquals(List.of("id", "name", "aliases", "score", "confidence", "confidence_label", "evidence_for",
                    "evidence_against"), fieldNames(c));
            assertTrue(c.get("score").asDouble() <= previous);
            previous = c.get("score").asDouble();
            double confidence = c.get("confidence").asDouble();
            assertTrue(confidence >= 0 && confidence <= 1);
            assertTrue(List.of("high", "medium", "low").contains(c.get("confidence_label").asText()));
            for (JsonNode e : c.get("evidence_for")) {
                assertEquals(List.of("id", "name", "weight", "note"), fieldNames(e));
            }
            assertTrue(c.get("evidence_against").size() <= 5);
        }
        JsonNode first = list.get(0).get("evidence_for").get(0);
        assertTrue(first.get("weight").asDouble() > 0);
    }

    @Test
    void textNamesTheCandidatesAndTheirEvidence() {
        CliRun r = run("attribute", "--top", "2", "--attack", bundle(), "--techniques", "T1190,T1505.003",
                "--software", "S1031,S0040", "--misp-galaxy",
                SharedData.dir().resolve("attribution/misp-galaxy/threat-actor.json").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(" 1. G0093 GALLIUM  score "), r.out());
        assertTrue(r.out().contains("Operation Soft Cell"), r.out());
        assertTrue(r.out().contains("for:     S1031 PingPull"), r.out());
        assertTrue(r.out().contains("against: "), r.out());
    }

    @Test
    void fromAHuntOutputFolder() throws Exception {
        Path hunt = Files.createDirectories(tmp.resolve("hunt"));
        Files.writeString(hunt.resolve("findings.jsonl"), """
                {"techniques":["T1505.003","T1190"],"software":["S0020"],"fields":{"Image":"C:\\\\Windows\\\\System32\\\\inetsrv\\\\w3wp.exe"}}
                {"techniques":["T1003.001"],"software":[],"fields":{"OriginalFileName":"mimikatz.exe"}}
                {"techniques":["T1090.002"],"software":[],"fields":{"Image":"C:\\\\ProgramData\\\\htran.exe"}}
                """);
        CliRun r = run("attribute", "--json", "--top", "3", "--attack", bundle(), "--from", hunt.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode list = new ObjectMapper().readTree(r.out());
        assertEquals(3, list.size());
        assertTrue(list.toString().contains("\"S0040\""), "htran.exe recognised as HTRAN: " + list);
    }

    @Test
    void badUsageAndUnknownIds() {
        CliRun nothing = run("attribute", "--attack", bundle());
        assertEquals(2, nothing.exit());
        assertTrue(nothing.err().contains("give --techniques, --software or --from DIR"), nothing.err());

        CliRun noBundle = run("attribute", "--techniques", "T1190", "--attack", tmp.resolve("none.json").toString());
        assertEquals(2, noBundle.exit());
        assertTrue(noBundle.err().contains("none.json (from --attack): no such file"), noBundle.err());
        assertTrue(noBundle.err().contains("dotlink attack update"), noBundle.err());

        CliRun unknown = run("attribute", "--json", "--techniques", "T1190,T9999", "--attack", bundle());
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("left out: T9999"), unknown.err());
    }

    @Test
    void aMalformedBundleIsNamed() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"type\": \"bundle\", \"objects\": [{");
        CliRun r = run("attribute", "--techniques", "T1190", "--attack", broken.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(broken + ": not valid JSON at line 1"), r.err());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
