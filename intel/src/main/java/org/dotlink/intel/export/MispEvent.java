package org.dotlink.intel.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * A hunt as one MISP event in the MISP core format ({@code {"Event": {...}}}), as a JSON-ready map.
 *
 * <p>Attributes, each commented with the clusters that name it: the hosts involved ({@code target-machine},
 * category {@code Targeting data}: these are the victim's machines, not the attacker's), accounts
 * ({@code target-user}), file names ({@code filename}), and what can be hunted elsewhere, with
 * {@code to_ids} set: addresses ({@code ip-dst}), domains ({@code domain}) and hashes ({@code md5},
 * {@code sha1}, {@code sha256}). Tags: {@code misp-galaxy:mitre-attack-pattern="Name - T1003.001"} for
 * each technique seen, and {@code misp-galaxy:threat-actor="GALLIUM"} for the top candidate of each
 * cluster whose attribution is not of low confidence. Uuids are name-based ({@link DeterministicIds}).
 */
public final class MispEvent {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private MispEvent() {}

    /** The event for these clusters; {@code kb} gives technique names for the galaxy tags, or null. */
    public static Map<String, Object> of(List<ActivityCluster> clusters, AttackKnowledgeBase kb, Instant created,
                                         String info) {
        Map<String, Map<String, Object>> attributes = new LinkedHashMap<>();
        Set<String> tags = new LinkedHashSet<>();
        for (ActivityCluster c : clusters) {
            for (String h : c.hosts()) {
                attribute(attributes, "target-machine", "Targeting data", h, false, c.id());
            }
            for (String s : c.indicators()) {
                Indicator ind = Indicator.parse(s);
                switch (ind.kind()) {
                    case "ip" -> attribute(attributes, "ip-dst", "Network activity", ind.value(), true, c.id());
                    case "domain" -> attribute(attributes, "domain", "Network activity", ind.normalized(), true, c.id());
                    case "hash" -> {
                        String algorithm = ind.hashAlgorithm();
                        if (algorithm != null) {
                            attribute(attributes, algorithm.replace("-", "").toLowerCase(java.util.Locale.ROOT),
                                    "Payload delivery", ind.normalized(), true, c.id());
                        }
                    }
                    case "file" -> attribute(attributes, "filename", "Payload delivery", ind.value(), false, c.id());
                    case "account" -> attribute(attributes, "target-user", "Targeting data", ind.value(), false, c.id());
                    default -> { }
                }
            }
            for (String t : c.techniques()) {
                String name = kb == null ? null : kb.technique(t).map(Technique::name).orElse(null);
                tags.add("misp-galaxy:mitre-attack-pattern=\"" + (name == null ? t : name + " - " + t) + "\"");
            }
            if (!c.attribution().isEmpty() && !"low".equals(c.attribution().get(0).confidenceLabel())) {
                tags.add("misp-galaxy:threat-actor=\"" + c.attribution().get(0).name() + "\"");
            }
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("uuid", DeterministicIds.uuid5(DeterministicIds.DOTLINK, "misp-event|" + String.join(",",
                attributes.keySet())).toString());
        event.put("info", info);
        event.put("date", DATE.format(created));
        event.put("timestamp", Long.toString(created.getEpochSecond()));
        event.put("threat_level_id", "2");
        event.put("analysis", "1");
        event.put("distribution", "0");
        event.put("published", false);
        event.put("Orgc", Map.of("name", "Dotlink"));
        List<Map<String, Object>> tagList = new ArrayList<>();
        tagList.add(Map.of("name", "tlp:amber"));
        tags.forEach(t -> tagList.add(Map.of("name", t)));
        event.put("Tag", tagList);
        event.put("Attribute", new ArrayList<>(attributes.values()));
        return Map.of("Event", event);
    }

    private static void attribute(Map<String, Map<String, Object>> attributes, String type, String category,
                                  String value, boolean toIds, String cluster) {
        if (value == null || value.isBlank()) {
            return;
        }
        Map<String, Object> a = attributes.computeIfAbsent(type + "|" + value, k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("uuid", DeterministicIds.uuid5(DeterministicIds.DOTLINK, "misp-attribute|" + k).toString());
            m.put("type", type);
            m.put("category", category);
            m.put("value", value);
            m.put("to_ids", toIds);
            m.put("comment", "");
            return m;
        });
        String comment = (String) a.get("comment");
        if (!(", " + comment + ",").contains(", " + cluster + ",")) {
            a.put("comment", comment.isEmpty() ? cluster : comment + ", " + cluster);
        }
    }
}
