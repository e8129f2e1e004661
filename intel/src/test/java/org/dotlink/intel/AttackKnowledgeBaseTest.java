package org.dotlink.intel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackKnowledgeBaseTest {

    @TempDir
    Path tmp;

    // ---- the real bundle: ATT&CK Enterprise v18.1 ----

    @Test
    void readsTheRealBundleCounts() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        // ATT&CK v18.1: 691 active techniques and sub-techniques plus 12 deprecated ones.
        assertEquals(703, kb.techniques().size());
        assertEquals(691, kb.techniques().stream().filter(t -> !t.deprecated()).count());
        assertEquals(14, kb.tactics().size());
        assertEquals(181, kb.groups().size());
        assertEquals(172, kb.rankableGroups().size());
        assertEquals(785, kb.software().size());
        assertEquals(784, kb.software().stream().filter(s -> !s.deprecated()).count());
        assertEquals(52, kb.campaigns().size());
        assertEquals(24, kb.campaigns().stream().filter(c -> !c.groups().isEmpty()).count());
        assertEquals(17_270, kb.usesCount());
    }

    @Test
    void techniquesCarryNamesAndTactics() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        Technique lsass = kb.technique("T1003.001").orElseThrow();
        assertEquals("LSASS Memory", lsass.name());
        assertEquals(List.of("credential-access"), lsass.tactics());
        assertEquals("T1003", lsass.parentId());
        assertTrue(lsass.isSubTechnique());
        assertEquals("reconnaissance", kb.tactics().iterator().next().shortName());
        assertEquals("TA0006", kb.tactic("credential-access").orElseThrow().id());
    }

    @Test
    void revokedIdsAreFollowedToTheirReplacement() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        // T1086 PowerShell was revoked by T1059.001; G0058 Charming Kitten by G0059 Magic Hound.
        assertEquals("T1059.001", kb.currentId("T1086"));
        assertEquals("PowerShell", kb.technique("T1086").orElseThrow().name());
        assertEquals("G0059", kb.group("G0058").orElseThrow().id());
        assertFalse(kb.techniques().stream().anyMatch(t -> t.id().equals("T1086")));
    }

    @Test
    void deprecatedObjectsAreKnownButKeptOutOfRanking() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        Technique scripting = kb.technique("T1064").orElseThrow();
        assertTrue(scripting.deprecated());
        Group nightDragon = kb.group("G0014").orElseThrow();
        assertTrue(nightDragon.deprecated());
        assertFalse(kb.rankableGroups().contains(nightDragon));
        assertTrue(kb.techniquesUsedBy("G0014").isEmpty());
        for (Group g : kb.rankableGroups()) {
            assertFalse(kb.techniquesUsedBy(g.id()).contains("T1064"), g.id());
        }
    }

    @Test
    void groupsCampaignsAndSoftwareAsTheBundleSays() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        Group gallium = kb.group("G0093").orElseThrow();
        assertEquals("GALLIUM", gallium.name());
        assertEquals(List.of("Granite Typhoon"), gallium.aliases());
        assertTrue(kb.softwareUsedBy("G0093").containsAll(Set.of("S0020", "S0002", "S0029", "S1031")));
        assertEquals("Mimikatz", kb.software("S0002").orElseThrow().name());
        assertTrue(kb.software("S0029").orElseThrow().tool());
        assertFalse(kb.software("S0020").orElseThrow().tool());
        Campaign solarWinds = kb.campaign("C0024").orElseThrow();
        assertEquals("SolarWinds Compromise", solarWinds.name());
        assertEquals(List.of("G0016"), solarWinds.groups());
        assertEquals(Set.of("G0004", "G1023"), Set.copyOf(kb.campaign("C0052").orElseThrow().groups()));
        assertTrue(kb.campaignsOf("G0016").contains(solarWinds));
        assertFalse(kb.techniquesUsedBy("S0002").isEmpty());
    }

    @Test
    void mispGalaxySynonymsExtendGroupAliases() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        Path galaxy = SharedData.dir().resolve("attribution/misp-galaxy/threat-actor.json");
        AttackKnowledgeBase extended = kb.withGroupAliases(MispGalaxySynonyms.read(galaxy, kb));
        List<String> gallium = extended.group("G0093").orElseThrow().aliases();
        assertTrue(gallium.containsAll(List.of("Granite Typhoon", "Alloy Taurus", "PHANTOM PANDA",
                "Operation Soft Cell")), gallium.toString());
        List<String> apt27 = extended.group("G0027").orElseThrow().aliases();
        assertTrue(apt27.containsAll(List.of("Emissary Panda", "APT27", "Iron Tiger", "LuckyMouse")), apt27.toString());
        assertFalse(apt27.contains("G0027"), apt27.toString());
        assertEquals(List.of("G0093"), extended.groupsNamed("operation soft cell").stream().map(Group::id).toList());
        assertEquals(List.of("Granite Typhoon"), kb.group("G0093").orElseThrow().aliases());
    }

    // ---- written bundles: each rule on its own ----

    @Test
    void stix20And21BundlesGiveTheSameKnowledgeBase() throws Exception {
        AttackKnowledgeBase v21 = AttackKnowledgeBase.load(write("v21.json", TestBundles.stix21()));
        AttackKnowledgeBase v20 = AttackKnowledgeBase.load(write("v20.json", TestBundles.stix20()));
        for (AttackKnowledgeBase kb : List.of(v20, v21)) {
            assertEquals(List.of("T1003", "T1003.001", "T1003.002", "T1190", "T9002"),
                    kb.techniques().stream().map(Technique::id).toList());
            assertEquals(List.of("initial-access", "credential-access"),
                    kb.tactics().stream().map(Tactic::shortName).toList());
            assertEquals("T1003.001", kb.currentId("t9001"));
            assertEquals(List.of("G0093"), kb.campaign("C0099").orElseThrow().groups());
            // the campaign's use of the revoked technique moved to its replacement
            assertEquals(Set.of("T1003.001"), kb.techniquesUsedBy("C0099"));
            assertEquals(Set.of("T1190"), kb.techniquesUsedBy("G0093"));
            assertEquals(Set.of("S0020"), kb.softwareUsedBy("G0093"));
            assertEquals(Set.of("T1003.001"), kb.techniquesUsedBy("S0002"));
            // the deprecated technique is known, flagged, and used by nobody; the deprecated group is not ranked
            assertTrue(kb.technique("T9002").orElseThrow().deprecated());
            assertEquals(Set.of("T1003.002"), kb.techniquesUsedBy("G0027"));
            assertEquals(List.of("G0027", "G0093"), kb.rankableGroups().stream().map(Group::id).toList());
            assertTrue(kb.techniquesUsedBy("G0014").isEmpty());
        }
    }

    @Test
    void aMalformedBundleIsAClearErrorNamingTheFile() throws Exception {
        Path truncated = write("truncated.json", TestBundles.stix21().substring(0, 900));
        AttackDataException e = org.junit.jupiter.api.Assertions.assertThrows(AttackDataException.class,
                () -> AttackKnowledgeBase.load(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": not valid JSON at line "), e.getMessage());
        assertEquals(truncated, e.file());

        Path notBundle = write("not-bundle.json", "{\"type\": \"report\", \"objects\": []}");
        e = org.junit.jupiter.api.Assertions.assertThrows(AttackDataException.class,
                () -> AttackKnowledgeBase.load(notBundle));
        assertTrue(e.getMessage().startsWith(notBundle + ": not a STIX bundle"), e.getMessage());
        assertTrue(e.getMessage().contains("found \"report\""), e.getMessage());

        Path empty = write("empty.json", "{\"type\": \"bundle\", \"id\": \"bundle--x\", \"objects\": []}");
        e = org.junit.jupiter.api.Assertions.assertThrows(AttackDataException.class, () -> AttackKnowledgeBase.load(empty));
        assertTrue(e.getMessage().startsWith(empty + ": the bundle holds no ATT&CK techniques"), e.getMessage());

        Path array = write("array.json", "[1, 2]");
        e = org.junit.jupiter.api.Assertions.assertThrows(AttackDataException.class, () -> AttackKnowledgeBase.load(array));
        assertTrue(e.getMessage().contains("does not start with a JSON object"), e.getMessage());

        Path missing = tmp.resolve("missing.json");
        e = org.junit.jupiter.api.Assertions.assertThrows(AttackDataException.class,
                () -> AttackKnowledgeBase.load(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(tmp.resolve(name), content);
    }
}
