package org.dotlink.intel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.dotlink.core.ActivityCluster;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Navigator layers, the STIX 2.1 bundle and the MISP event, written for two clusters, checked against
 * the required properties of their formats; the same input gives the same ids.
 */
class ExportFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STIX_ID = Pattern.compile(
            "[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern STIX_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    private static final Set<String> SCO = Set.of("ipv4-addr", "ipv6-addr", "domain-name", "file");
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

    @TempDir
    Path out;

    static List<ActivityCluster> clusters() {
        ActivityCluster a = new ActivityCluster("cluster-01", 90, List.of("story-0001", "story-0002"),
                List.of("exch01", "dc01"), "2021-03-03T10:00:01.0000000Z", "2021-03-05T11:00:00.0000000Z",
                List.of("initial-access", "credential-access"), List.of("T1190", "T1003.001", "T1505.003"),
                List.of("S0020"), List.of("ip:203.0.113.7", "ip:2001:db8::1", "domain:Evil.Example",
                "hash:" + "AB".repeat(32), "hash:" + "cd".repeat(16), "file:o'brien\\x.exe", "account:corp\\svc"),
                List.of(new ActivityCluster.Candidate("G0093", "GALLIUM", 12.3, 0.87, "high",
                        List.of("T1003.001 LSASS Memory (used by the group)"), List.of("S0002 Mimikatz"))));
        ActivityCluster b = new ActivityCluster("cluster-02", 40, List.of("story-0003"), List.of("ws07"),
                "2021-03-04T00:00:00Z", "2021-03-04T01:00:00Z", List.of("execution"), List.of("T1059.001"),
                List.of(), List.of("ip:203.0.113.7"), List.of());
        return List.of(a, b);
    }

    static TechniqueCounts counts() {
        TechniqueCounts c = new TechniqueCounts();
        c.add("story-0001", List.of("T1190"), "ProxyLogon request");
        c.add("story-0001", List.of("T1003.001"), "LSASS access");
        c.add("story-0002", List.of("T1003.001"), "LSASS access");
        c.add("story-0002", List.of("T1505.003"), "China Chopper");
        c.add("story-0003", List.of("T1059.001"), "Encoded PowerShell");
        c.add(null, List.of("T1059.001"), "Encoded PowerShell");
        return c;
    }

    @Test
    void layersHaveTheRequiredPropertiesAndScores() throws Exception {
        AttackExports.Written w = AttackExports.write(out, clusters(), counts(), null, NOW);
        assertNotNull(w.note(), "without ATT&CK data the exports say what they lack");
        assertTrue(w.files().containsAll(List.of("attack-layer.json", "layers/cluster-01.json", "layers/cluster-02.json",
                "stix-bundle.json", "misp-event.json")));
        JsonNode overall = JSON.readTree(out.resolve("attack-layer.json").toFile());
        checkLayer(overall);
        assertEquals(4, overall.path("techniques").size());
        JsonNode lsass = find(overall.path("techniques"), "T1003.001");
        assertEquals(2, lsass.path("score").asInt());
        assertEquals("2 findings: LSASS access (2)", lsass.path("comment").asText());
        assertEquals(2, find(overall.path("techniques"), "T1059.001").path("score").asInt());
        JsonNode c1 = JSON.readTree(out.resolve("layers/cluster-01.json").toFile());
        checkLayer(c1);
        assertEquals(3, c1.path("techniques").size());
        assertEquals(1, find(JSON.readTree(out.resolve("layers/cluster-02.json").toFile()).path("techniques"), "T1059.001")
                .path("score").asInt(), "a cluster counts its own stories' findings only");
    }

    @Test
    void clusterAgainstItsGroup() throws Exception {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        AttackExports.Written w = AttackExports.write(out, clusters(), counts(), kb, NOW);
        assertEquals(null, w.note());
        assertTrue(w.files().contains("layers/cluster-01-vs-G0093.json"));
        assertFalse(Files.exists(out.resolve("layers/cluster-02-vs-G0093.json")), "cluster-02 has no candidate");
        JsonNode vs = JSON.readTree(out.resolve("layers/cluster-01-vs-G0093.json").toFile());
        checkLayer(vs);
        Set<String> gallium = kb.techniquesUsedBy("G0093");
        JsonNode techniques = vs.path("techniques");
        assertEquals(NavigatorLayer.BOTH, find(techniques, "T1190").path("color").asText(), "GALLIUM exploits Exchange");
        for (JsonNode t : techniques) {
            String id = t.path("techniqueID").asText();
            boolean seen = List.of("T1190", "T1003.001", "T1505.003").contains(id);
            String expected = seen && gallium.contains(id) ? NavigatorLayer.BOTH
                    : seen ? NavigatorLayer.CLUSTER_ONLY : NavigatorLayer.GROUP_ONLY;
            assertEquals(expected, t.path("color").asText(), id);
            assertEquals(seen, t.has("score"), id);
        }
        assertEquals(3, vs.path("legendItems").size());
        assertEquals("LSASS Memory", find(JSON.readTree(out.resolve("attack-layer.json").toFile()).path("techniques"),
                "T1003.001").path("metadata").get(0).path("value").asText());
        JsonNode misp = JSON.readTree(out.resolve("misp-event.json").toFile()).path("Event");
        Set<String> tags = new HashSet<>();
        misp.path("Tag").forEach(t -> tags.add(t.path("name").asText()));
        assertTrue(tags.contains("misp-galaxy:mitre-attack-pattern=\"LSASS Memory - T1003.001\""), tags.toString());
        assertTrue(tags.contains("misp-galaxy:threat-actor=\"GALLIUM\""), tags.toString());
        JsonNode bundle = JSON.readTree(out.resolve("stix-bundle.json").toFile());
        checkStix(bundle);
        JsonNode set = byType(bundle, "intrusion-set").get(0);
        assertEquals("GALLIUM", set.path("name").asText());
        assertEquals("G0093", set.path("external_references").get(0).path("external_id").asText());
    }

    @Test
    void stixBundleIsValidAndStable() throws Exception {
        AttackExports.write(out, clusters(), counts(), null, NOW);
        JsonNode bundle = JSON.readTree(out.resolve("stix-bundle.json").toFile());
        checkStix(bundle);
        assertEquals(1, byType(bundle, "identity").size());
        assertEquals(2, byType(bundle, "grouping").size());
        assertEquals(2, byType(bundle, "campaign").size());
        assertEquals(4, byType(bundle, "attack-pattern").size());
        JsonNode lsass = byType(bundle, "attack-pattern").stream()
                .filter(p -> p.path("external_references").get(0).path("external_id").asText().equals("T1003.001"))
                .findFirst().orElseThrow();
        assertEquals("mitre-attack", lsass.path("external_references").get(0).path("source_name").asText());
        JsonNode attributed = byType(bundle, "relationship").stream()
                .filter(r -> r.path("relationship_type").asText().equals("attributed-to")).findFirst().orElseThrow();
        assertEquals(87, attributed.path("confidence").asInt());
        assertTrue(attributed.path("target_ref").asText().startsWith("intrusion-set--"));
        // observables: two addresses (one shared by both clusters), a domain, two hashes; file names and accounts are not indicators
        assertEquals(1, byType(bundle, "ipv4-addr").size());
        assertEquals(1, byType(bundle, "ipv6-addr").size());
        assertEquals("evil.example", byType(bundle, "domain-name").get(0).path("value").asText());
        assertEquals(2, byType(bundle, "file").size());
        Set<String> patterns = new HashSet<>();
        byType(bundle, "indicator").forEach(i -> patterns.add(i.path("pattern").asText()));
        assertTrue(patterns.contains("[ipv4-addr:value = '203.0.113.7']"), patterns.toString());
        assertTrue(patterns.contains("[file:hashes.'SHA-256' = '" + "ab".repeat(32) + "']"), patterns.toString());
        assertTrue(patterns.contains("[file:hashes.'MD5' = '" + "cd".repeat(16) + "']"), patterns.toString());
        // the id STIX 2.1 prescribes for this observable (UUIDv5 of {"value":"203.0.113.7"} in the SCO namespace)
        assertEquals("ipv4-addr--" + DeterministicIds.uuid5(DeterministicIds.STIX_SCO, "{\"value\":\"203.0.113.7\"}"),
                byType(bundle, "ipv4-addr").get(0).path("id").asText());

        Path again = Files.createDirectories(out.resolve("again"));
        AttackExports.write(again, clusters(), counts(), null, NOW.plusSeconds(3600));
        assertEquals(ids(bundle), ids(JSON.readTree(again.resolve("stix-bundle.json").toFile())), "a rerun gives the same ids");
    }

    @Test
    void mispEventHasTheRequiredProperties() throws Exception {
        AttackExports.write(out, clusters(), counts(), null, NOW);
        JsonNode event = JSON.readTree(out.resolve("misp-event.json").toFile()).path("Event");
        assertFalse(event.path("info").asText().isEmpty());
        assertEquals("2026-01-02", event.path("date").asText());
        assertTrue(Set.of("1", "2", "3", "4").contains(event.path("threat_level_id").asText()));
        assertTrue(Set.of("0", "1", "2").contains(event.path("analysis").asText()));
        Set<String> typeValue = new HashSet<>();
        for (JsonNode a : event.path("Attribute")) {
            for (String field : List.of("type", "category", "value", "uuid")) {
                assertFalse(a.path(field).asText().isEmpty(), field + " of " + a);
            }
            typeValue.add(a.path("type").asText() + " " + a.path("value").asText());
        }
        assertTrue(typeValue.containsAll(List.of("target-machine exch01", "target-machine ws07", "ip-dst 203.0.113.7",
                "ip-dst 2001:db8::1", "domain evil.example", "sha256 " + "ab".repeat(32), "md5 " + "cd".repeat(16),
                "filename o'brien\\x.exe", "target-user corp\\svc")), typeValue.toString());
        JsonNode shared = null;
        for (JsonNode a : event.path("Attribute")) {
            if (a.path("value").asText().equals("203.0.113.7")) {
                shared = a;
            }
        }
        assertEquals("cluster-01, cluster-02", shared.path("comment").asText());
        assertTrue(shared.path("to_ids").asBoolean());
        Set<String> tags = new HashSet<>();
        event.path("Tag").forEach(t -> tags.add(t.path("name").asText()));
        assertTrue(tags.contains("misp-galaxy:mitre-attack-pattern=\"T1003.001\""), "without ATT&CK data, the id alone");
    }

    private static void checkLayer(JsonNode layer) {
        assertEquals("4.5", layer.path("versions").path("layer").asText());
        assertEquals("enterprise-attack", layer.path("domain").asText());
        assertFalse(layer.path("name").asText().isEmpty());
        assertTrue(layer.path("techniques").isArray());
        for (JsonNode t : layer.path("techniques")) {
            assertTrue(t.path("techniqueID").asText().matches("T\\d{4}(\\.\\d{3})?"), t.toString());
            assertFalse(t.path("comment").asText().isEmpty());
        }
    }

    /** STIX 2.1: common properties, and every reference resolving within the bundle. */
    private static void checkStix(JsonNode bundle) {
        assertEquals("bundle", bundle.path("type").asText());
        assertTrue(STIX_ID.matcher(bundle.path("id").asText()).matches());
        Set<String> ids = ids(bundle);
        assertEquals(bundle.path("objects").size(), ids.size(), "ids are unique");
        for (JsonNode o : bundle.path("objects")) {
            String type = o.path("type").asText();
            assertEquals("2.1", o.path("spec_version").asText(), o.toString());
            assertTrue(STIX_ID.matcher(o.path("id").asText()).matches(), o.toString());
            assertTrue(o.path("id").asText().startsWith(type + "--"), o.toString());
            if (!SCO.contains(type)) {
                assertTrue(STIX_TIME.matcher(o.path("created").asText()).matches(), o.toString());
                assertTrue(STIX_TIME.matcher(o.path("modified").asText()).matches(), o.toString());
            }
            o.fields().forEachRemaining(f -> {
                if (f.getKey().endsWith("_ref")) {
                    assertTrue(ids.contains(f.getValue().asText()), f.getKey() + " of " + o.path("id"));
                }
                if (f.getKey().endsWith("_refs")) {
                    f.getValue().forEach(r -> assertTrue(ids.contains(r.asText()), f.getKey() + " of " + o.path("id")));
                }
            });
            switch (type) {
                case "relationship" -> assertFalse(o.path("relationship_type").asText().isEmpty());
                case "indicator" -> {
                    assertEquals("stix", o.path("pattern_type").asText());
                    assertTrue(STIX_TIME.matcher(o.path("valid_from").asText()).matches());
                }
                case "grouping" -> {
                    assertFalse(o.path("context").asText().isEmpty());
                    assertTrue(o.path("object_refs").size() > 0);
                }
                case "attack-pattern", "intrusion-set", "campaign", "identity" ->
                        assertFalse(o.path("name").asText().isEmpty());
                default -> { }
            }
        }
    }

    private static Set<String> ids(JsonNode bundle) {
        Set<String> ids = new HashSet<>();
        bundle.path("objects").forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }

    private static List<JsonNode> byType(JsonNode bundle, String type) {
        List<JsonNode> out = new java.util.ArrayList<>();
        bundle.path("objects").forEach(o -> {
            if (o.path("type").asText().equals(type)) {
                out.add(o);
            }
        });
        return out;
    }

    private static JsonNode find(JsonNode techniques, String id) {
        for (JsonNode t : techniques) {
            if (t.path("techniqueID").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError(id + " not in layer");
    }
}
