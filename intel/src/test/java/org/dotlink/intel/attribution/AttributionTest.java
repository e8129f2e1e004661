package org.dotlink.intel.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.SharedData;
import org.dotlink.intel.Technique;
import org.junit.jupiter.api.Test;

class AttributionTest {

    /**
     * What Cybereason's "Operation Soft Cell" report describes, in ATT&CK terms: exploitation of a public
     * server, China Chopper web shells, Mimikatz against LSASS, PsExec and WMI, staging in RAR archives,
     * Poison Ivy and HTRAN, new domain accounts, PingPull.
     */
    private static final ObservedProfile SOFT_CELL = ObservedProfile.of(
            List.of("T1190", "T1505.003", "T1003.001", "T1047", "T1560.001", "T1074.001", "T1136.002", "T1570",
                    "T1090.002", "T1036.003"),
            List.of("S0020", "S0002", "S0029", "S0012", "S0040", "S1031"));

    @Test
    void aSoftCellLikeProfileRanksGalliumFirst() {
        List<Candidate> ranked = new Attribution(SharedData.knowledgeBase()).rank(SOFT_CELL, 5);
        assertEquals(5, ranked.size());
        Candidate first = ranked.get(0);
        assertEquals("G0093", first.id());
        assertEquals("GALLIUM", first.name());
        assertEquals("high", first.confidenceLabel(), first.toString());
        for (int i = 1; i < ranked.size(); i++) {
            assertTrue(ranked.get(i - 1).score() >= ranked.get(i).score());
        }
        // the most distinctive shared item first: PingPull and HTRAN are rare, LSASS dumping is not
        List<Evidence> forIt = first.evidenceFor();
        for (int i = 1; i < forIt.size(); i++) {
            assertTrue(forIt.get(i - 1).weight() >= forIt.get(i).weight());
        }
        assertTrue(forIt.get(0).id().equals("S1031") || forIt.get(0).id().equals("S0040"), forIt.toString());
        assertTrue(forIt.stream().anyMatch(e -> e.id().equals("T1505.003") && e.note().equals("used by the group")));
        // against: the group's signature behaviour not observed
        assertEquals(Attribution.EVIDENCE_AGAINST, first.evidenceAgainst().size());
        for (Evidence e : first.evidenceAgainst()) {
            assertFalse(SOFT_CELL.techniques().contains(e.id()) || SOFT_CELL.software().contains(e.id()), e.id());
            assertEquals("not observed", e.note());
        }
        assertTrue(first.evidenceAgainst().stream().anyMatch(e -> e.id().equals("S0564")),
                "BlackMould, GALLIUM's own web shell, is its signature: " + first.evidenceAgainst());
    }

    @Test
    void nothingDistinctiveGivesLowConfidence() {
        ObservedProfile common = ObservedProfile.of(List.of("T1059.003", "T1105", "T1082", "T1083"), List.of());
        List<Candidate> ranked = new Attribution(SharedData.knowledgeBase()).rank(common, 10);
        assertEquals(10, ranked.size());
        for (Candidate c : ranked) {
            assertEquals("low", c.confidenceLabel(), c.toString());
        }
        assertTrue(ranked.get(0).confidence() < Confidence.MEDIUM);
    }

    @Test
    void anEmptyObservationStillRanksEveryGroupEquallyAndLow() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        List<Candidate> ranked = new Attribution(kb).rank(ObservedProfile.of(List.of(), List.of()));
        assertEquals(kb.rankableGroups().size(), ranked.size());
        assertEquals(1.0 / ranked.size(), ranked.get(0).confidence(), 1e-9);
        assertTrue(ranked.get(0).evidenceFor().isEmpty());
    }

    @Test
    void subTechniqueAndParentEarnPartialCredit() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        Attribution attribution = new Attribution(kb);
        // GALLIUM uses T1003.001 and T1003.002: observing the parent T1003 is half a match
        Candidate parent = find(attribution.rank(ObservedProfile.of(List.of("T1003"), List.of())), "G0093");
        assertEquals("group uses a sub-technique of it", parent.evidenceFor().get(0).note());
        Candidate exact = find(attribution.rank(ObservedProfile.of(List.of("T1003.001"), List.of())), "G0093");
        assertEquals("used by the group", exact.evidenceFor().get(0).note());
        Candidate sibling = find(attribution.rank(ObservedProfile.of(List.of("T1003.008"), List.of())), "G0093");
        assertTrue(sibling.evidenceFor().isEmpty(), "a sibling sub-technique earns nothing");
    }

    @Test
    void anObservedSubTechniqueEarnsNothingFromAListedParentUnlessAskedTo() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        Attribution attribution = new Attribution(kb);
        // a group that lists a parent technique but none of that parent's sub-techniques, and one sub-technique of it
        GroupProfile listsParent = null;
        String sub = null;
        for (GroupProfile p : attribution.profiles()) {
            for (String t : p.used()) {
                if (t.startsWith("T") && t.indexOf('.') < 0 && !p.usedParents().contains(t)) {
                    sub = kb.techniques().stream().map(Technique::id)
                            .filter(id -> id.startsWith(t + ".")).findFirst().orElse(null);
                    if (sub != null) {
                        listsParent = p;
                        break;
                    }
                }
            }
            if (listsParent != null) {
                break;
            }
        }
        assertTrue(listsParent != null, "ATT&CK has groups that list only a parent technique");
        String id = listsParent.group().id();
        String parentNote = "group uses parent " + Technique.parentOf(sub);
        ObservedProfile observed = ObservedProfile.of(List.of(sub), List.of());
        assertTrue(find(attribution.rank(observed), id).evidenceFor().stream()
                .noneMatch(e -> e.note().equals(parentNote)));
        AttributionSettings d = AttributionSettings.DEFAULT;
        Attribution bothWays = new Attribution(kb, new AttributionSettings(d.used(), d.viaSoftware(), d.cooccurrence(),
                d.background(), d.parentCredit(), 0.5, d.impliedBySoftware(), d.campaigns(), d.campaignCount(),
                d.softwareCount(), d.viaCounts()), null);
        assertTrue(find(bothWays.rank(observed), id).evidenceFor().stream().anyMatch(e -> e.note().equals(parentNote)));
    }

    @Test
    void aTechniqueCountsOncePerSourceThatReportsIt() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        GroupProfile full = profile(new Attribution(kb).profiles(), "G0016");
        GroupProfile without = profile(Attribution.leavingOut(kb, "C0024").profiles(), "G0016");
        // reported by APT29 itself and by the SolarWinds campaign: one count less once the campaign is left out
        String both = kb.techniquesUsedBy("G0016").stream().filter(kb.techniquesUsedBy("C0024")::contains)
                .findFirst().orElseThrow();
        assertEquals(full.count(both) - AttributionSettings.DEFAULT.campaignCount(), without.count(both), 1e-9);
        assertTrue(full.count(both) >= 2, both + " " + full.count(both));
        double sum = 0;
        for (String f : full.used()) {
            assertTrue(full.count(f) >= 1, f);
            sum += full.count(f);
        }
        assertEquals(sum, full.total(), 1e-9);
        // a technique of the group's software that the group is not known to use counts once per such software
        for (String t : full.viaSoftware()) {
            long software = full.used().stream().filter(s -> s.startsWith("S") && kb.techniquesUsedBy(s).contains(t))
                    .count();
            assertEquals(software, full.viaCount(t), 1e-9, t);
        }
    }

    @Test
    void groupsThatDoNotUseAnItemDifferOnlyByWhatTheyUseWithIt() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        AttributionSettings d = AttributionSettings.DEFAULT;
        Attribution withCooccurrence = new Attribution(kb);
        Attribution without = new Attribution(kb, new AttributionSettings(d.used() + d.cooccurrence(), d.viaSoftware(),
                0, d.background(), d.parentCredit(), d.subTechniqueCredit(), d.impliedBySoftware(), d.campaigns(),
                d.campaignCount(), d.softwareCount(), d.viaCounts()), null);
        ObservedProfile kerberoasting = ObservedProfile.of(List.of("T1558.003"), List.of());
        Set<Double> scoresWith = new java.util.HashSet<>();
        Set<Double> scoresWithout = new java.util.HashSet<>();
        for (GroupProfile p : withCooccurrence.profiles()) {
            if (!p.used().contains("T1558.003") && p.viaCount("T1558.003") == 0) {
                String id = p.group().id();
                Candidate c = find(withCooccurrence.rank(kerberoasting), id);
                assertTrue(c.evidenceFor().isEmpty(), "credit through co-occurrence is no evidence: " + c);
                scoresWith.add(c.score());
                scoresWithout.add(find(without.rank(kerberoasting), id).score());
            }
        }
        assertEquals(1, scoresWithout.size(), "without co-occurrence they all score the background");
        assertTrue(scoresWith.size() > 10, "with it, by what they use together with Kerberoasting elsewhere");
    }

    @Test
    void revokedAndUnknownIds() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        Attribution attribution = new Attribution(kb);
        ObservedProfile p = ObservedProfile.of(List.of("T1086", "T9999", "T1064"), List.of("S9999"));
        assertEquals(List.of("T1064", "T9999", "S9999"), attribution.unknownIds(p));
        Candidate top = attribution.rank(p, 1).get(0);
        assertTrue(top.evidenceFor().stream().allMatch(e -> e.id().equals("T1059.001")), top.toString());
    }

    @Test
    void softwareImpliesItsTechniques() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        Candidate gallium = find(new Attribution(kb).rank(ObservedProfile.of(List.of(), List.of("S0002"))), "G0093");
        assertTrue(gallium.evidenceFor().stream().anyMatch(e -> e.id().equals("S0002")));
        assertTrue(gallium.evidenceFor().stream().anyMatch(e -> e.note().endsWith("implied by observed S0002")),
                gallium.evidenceFor().toString());
    }

    @Test
    void leavingACampaignOutRemovesWhatOnlyItContributed() {
        AttackKnowledgeBase kb = SharedData.knowledgeBase();
        GroupProfile full = profile(new Attribution(kb).profiles(), "G0016");
        GroupProfile without = profile(Attribution.leavingOut(kb, "C0024").profiles(), "G0016");
        Set<String> onlyFromSolarWinds = new java.util.TreeSet<>(full.used());
        onlyFromSolarWinds.removeAll(without.used());
        assertFalse(onlyFromSolarWinds.isEmpty());
        Set<String> solarWinds = new java.util.HashSet<>(kb.techniquesUsedBy("C0024"));
        solarWinds.addAll(kb.softwareUsedBy("C0024"));
        assertTrue(solarWinds.containsAll(onlyFromSolarWinds));
        assertTrue(without.used().containsAll(kb.techniquesUsedBy("G0016")));
    }

    private static Candidate find(List<Candidate> candidates, String id) {
        return candidates.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private static GroupProfile profile(List<GroupProfile> profiles, String id) {
        return profiles.stream().filter(p -> p.group().id().equals(id)).findFirst().orElseThrow();
    }
}
