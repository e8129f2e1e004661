package org.dotlink.intel.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dotlink.core.ActivityCluster;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.Technique;

/**
 * A hunt's clusters as a STIX 2.1 bundle, as a JSON-ready map. Objects:
 * <ul>
 *   <li>the producer, an {@code identity} named Dotlink, which every object names as its creator;</li>
 *   <li>per cluster a {@code campaign} (the activity observed) and a {@code grouping} (context
 *       {@code suspicious-activity}) holding everything about the cluster;</li>
 *   <li>an {@code attack-pattern} per ATT&amp;CK technique seen, with an {@code external_references} entry
 *       {@code mitre-attack} and the ATT&amp;CK id, linked {@code campaign uses attack-pattern};</li>
 *   <li>an {@code intrusion-set} per candidate group, linked {@code campaign attributed-to intrusion-set}
 *       with the attribution's {@code confidence} (0..100) and its evidence in the description;</li>
 *   <li>for IP addresses, domains and hashes the cluster's stories name: the observable
 *       ({@code ipv4-addr}, {@code ipv6-addr}, {@code domain-name}, {@code file}), an {@code indicator}
 *       with a STIX pattern, {@code indicator based-on observable} and {@code indicator indicates campaign}.</li>
 * </ul>
 * Ids are name-based UUIDs of each object's content ({@link DeterministicIds}; observables as STIX 2.1
 * prescribes), so a rerun gives the same ids; {@code created} and {@code modified} are the run's time.
 */
public final class StixBundle {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String now;
    private final AttackKnowledgeBase kb;
    private final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
    private final String identity;

    private StixBundle(Instant created, AttackKnowledgeBase kb) {
        this.now = TIME.format(created.truncatedTo(ChronoUnit.MILLIS));
        this.kb = kb;
        Map<String, Object> id = sdo("identity", "Dotlink");
        id.remove("created_by_ref");
        id.put("name", "Dotlink");
        id.put("identity_class", "system");
        id.put("description", "Threat hunting and campaign attribution over Windows event logs.");
        this.identity = (String) id.get("id");
        add(id);
    }

    /**
     * The bundle for these clusters.
     *
     * @param kb for technique and group names, or null (then attack patterns are named by their id)
     */
    public static Map<String, Object> of(List<ActivityCluster> clusters, AttackKnowledgeBase kb, Instant created) {
        StixBundle b = new StixBundle(created, kb);
        for (ActivityCluster c : clusters) {
            b.cluster(c);
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("type", "bundle");
        bundle.put("id", DeterministicIds.stix("bundle", String.join(",", b.objects.keySet())));
        bundle.put("objects", new ArrayList<>(b.objects.values()));
        return bundle;
    }

    private void cluster(ActivityCluster c) {
        Set<String> refs = new LinkedHashSet<>();
        Map<String, Object> campaign = sdo("campaign", "cluster|" + c.id() + "|" + String.join(",", c.stories()));
        campaign.put("name", "Dotlink " + c.id());
        campaign.put("description", "Activity cluster " + c.id() + ": " + c.stories().size() + " stories on "
                + c.hosts().size() + " hosts (" + String.join(", ", c.hosts()) + "); tactics "
                + String.join(", ", c.tactics()) + ".");
        if (c.firstSeen() != null) {
            campaign.put("first_seen", stixTime(c.firstSeen()));
            campaign.put("last_seen", stixTime(c.lastSeen()));
        }
        String campaignId = add(campaign);
        refs.add(campaignId);
        for (String t : c.techniques()) {
            String pattern = attackPattern(t);
            refs.add(pattern);
            refs.add(relationship(campaignId, "uses", pattern, null, null));
        }
        for (ActivityCluster.Candidate g : c.attribution()) {
            String set = intrusionSet(g);
            refs.add(set);
            int confidence = (int) Math.round(Math.max(0, Math.min(1, g.confidence())) * 100);
            refs.add(relationship(campaignId, "attributed-to", set, confidence,
                    "Attribution score " + g.score() + " (" + g.confidenceLabel() + "). For: "
                            + String.join("; ", g.evidenceFor()) + ". Against: "
                            + String.join("; ", g.evidenceAgainst()) + "."));
        }
        for (String s : c.indicators()) {
            Indicator ind = Indicator.parse(s);
            Map<String, Object> sco = observable(ind);
            if (sco == null) {
                continue;
            }
            String scoId = add(sco);
            Map<String, Object> indicator = sdo("indicator", "indicator|" + scoId);
            indicator.put("name", ind.kind() + " " + ind.value());
            indicator.put("indicator_types", List.of("malicious-activity"));
            indicator.put("pattern", pattern(ind));
            indicator.put("pattern_type", "stix");
            indicator.put("valid_from", now);
            String indicatorId = add(indicator);
            refs.add(scoId);
            refs.add(indicatorId);
            refs.add(relationship(indicatorId, "based-on", scoId, null, null));
            refs.add(relationship(indicatorId, "indicates", campaignId, null, null));
        }
        Map<String, Object> grouping = sdo("grouping", "grouping|" + c.id() + "|" + campaignId);
        grouping.put("name", "Dotlink " + c.id());
        grouping.put("description", "Everything Dotlink links to activity cluster " + c.id() + " (score "
                + c.score() + ").");
        grouping.put("context", "suspicious-activity");
        grouping.put("object_refs", new ArrayList<>(refs));
        add(grouping);
    }

    private String attackPattern(String techniqueId) {
        Map<String, Object> p = sdo("attack-pattern", "mitre-attack|" + techniqueId);
        String name = kb == null ? null : kb.technique(techniqueId).map(Technique::name).orElse(null);
        p.put("name", name == null ? techniqueId : name);
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("source_name", "mitre-attack");
        ref.put("external_id", techniqueId);
        ref.put("url", "https://attack.mitre.org/techniques/" + techniqueId.replace('.', '/') + "/");
        p.put("external_references", List.of(ref));
        return add(p);
    }

    private String intrusionSet(ActivityCluster.Candidate g) {
        Map<String, Object> set = sdo("intrusion-set", "mitre-attack|" + g.id());
        set.put("name", g.name() == null || g.name().isEmpty() ? g.id() : g.name());
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("source_name", "mitre-attack");
        ref.put("external_id", g.id());
        ref.put("url", "https://attack.mitre.org/groups/" + g.id() + "/");
        set.put("external_references", List.of(ref));
        if (kb != null) {
            kb.group(g.id()).ifPresent(group -> {
                if (!group.aliases().isEmpty()) {
                    set.put("aliases", group.aliases());
                }
            });
        }
        return add(set);
    }

    private String relationship(String source, String type, String target, Integer confidence, String description) {
        Map<String, Object> r = sdo("relationship", source + "|" + type + "|" + target);
        r.put("relationship_type", type);
        r.put("source_ref", source);
        r.put("target_ref", target);
        if (confidence != null) {
            r.put("confidence", confidence);
        }
        if (description != null) {
            r.put("description", description);
        }
        return add(r);
    }

    /** A cyber-observable with its id from its id-contributing properties (STIX 2.1, 2.9), or null. */
    private static Map<String, Object> observable(Indicator ind) {
        Map<String, Object> sco = new LinkedHashMap<>();
        String type;
        String contributing;
        switch (ind.kind()) {
            case "ip" -> {
                type = ind.isIpv6() ? "ipv6-addr" : "ipv4-addr";
                sco.put("value", ind.value());
                contributing = "{\"value\":" + jsonString(ind.value()) + "}";
            }
            case "domain" -> {
                type = "domain-name";
                sco.put("value", ind.normalized());
                contributing = "{\"value\":" + jsonString(ind.normalized()) + "}";
            }
            case "hash" -> {
                String algorithm = ind.hashAlgorithm();
                if (algorithm == null) {
                    return null;
                }
                type = "file";
                sco.put("hashes", Map.of(algorithm, ind.normalized()));
                contributing = "{\"hashes\":{" + jsonString(algorithm) + ":" + jsonString(ind.normalized()) + "}}";
            }
            default -> {
                return null;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        out.put("spec_version", "2.1");
        out.put("id", type + "--" + DeterministicIds.uuid5(DeterministicIds.STIX_SCO, contributing));
        out.putAll(sco);
        return out;
    }

    /** A STIX pattern matching the observable; the value is quoted as the patterning grammar requires. */
    static String pattern(Indicator ind) {
        String v = quote(ind.normalized());
        return switch (ind.kind()) {
            case "ip" -> "[" + (ind.isIpv6() ? "ipv6-addr" : "ipv4-addr") + ":value = " + v + "]";
            case "domain" -> "[domain-name:value = " + v + "]";
            default -> "[file:hashes.'" + ind.hashAlgorithm() + "' = " + v + "]";
        };
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private Map<String, Object> sdo(String type, String content) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", DeterministicIds.stix(type, content));
        o.put("created", now);
        o.put("modified", now);
        o.put("created_by_ref", identity);
        return o;
    }

    private String add(Map<String, Object> o) {
        String id = (String) o.get("id");
        objects.putIfAbsent(id, o);
        return id;
    }

    private static String stixTime(String iso) {
        try {
            return TIME.format(Instant.parse(iso).truncatedTo(ChronoUnit.MILLIS));
        } catch (RuntimeException e) {
            return iso;
        }
    }
}
