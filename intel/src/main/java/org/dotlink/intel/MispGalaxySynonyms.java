package org.dotlink.intel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Group synonyms from a MISP galaxy cluster file (MISP/misp-galaxy {@code clusters/threat-actor.json};
 * other cluster files of the same shape work too), matched to ATT&amp;CK groups.
 *
 * <p>Matching rule: a galaxy entry belongs to an ATT&amp;CK group when its {@code value} or one of its
 * {@code meta.synonyms} equals (ignoring case) the group's name or one of its ATT&amp;CK aliases, and to
 * exactly one group (an entry whose names point at two groups is left out as ambiguous). Its value and
 * synonyms then become aliases of the group. An entry matched to no group is added too when it is
 * {@code related} as {@code similar}, with the likelihood tag {@code almost-certain}, to an entry that was
 * matched (this is how {@code Operation Soft Cell} joins GALLIUM).
 */
public final class MispGalaxySynonyms {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Some entries list the ATT&CK id itself among their synonyms; it is not a name. */
    private static final Pattern ATTACK_ID = Pattern.compile("[GSC]\\d{4}");

    private MispGalaxySynonyms() {}

    /**
     * The synonyms to add, by group id (for {@link AttackKnowledgeBase#withGroupAliases}).
     *
     * @throws AttackDataException when the file cannot be read or is not a galaxy cluster file
     */
    public static Map<String, List<String>> read(Path galaxyFile, AttackKnowledgeBase kb) {
        JsonNode root;
        try {
            root = JSON.readTree(galaxyFile.toFile());
        } catch (JsonProcessingException e) {
            throw new AttackDataException(galaxyFile, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AttackDataException(galaxyFile, "cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.path("values").isArray()) {
            throw new AttackDataException(galaxyFile, "not a MISP galaxy cluster file (no \"values\" array)");
        }

        Map<String, Set<String>> groupsByName = new HashMap<>();
        for (Group g : kb.rankableGroups()) {
            groupsByName.computeIfAbsent(key(g.name()), k -> new LinkedHashSet<>()).add(g.id());
            for (String a : g.aliases()) {
                groupsByName.computeIfAbsent(key(a), k -> new LinkedHashSet<>()).add(g.id());
            }
        }

        Map<String, String> groupOfEntry = new HashMap<>();
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<JsonNode> unmatched = new ArrayList<>();
        for (JsonNode entry : root.path("values")) {
            List<String> names = names(entry);
            Set<String> matched = new LinkedHashSet<>();
            for (String n : names) {
                matched.addAll(groupsByName.getOrDefault(key(n), Set.of()));
            }
            if (matched.size() == 1) {
                String group = matched.iterator().next();
                groupOfEntry.put(entry.path("uuid").asText(), group);
                out.computeIfAbsent(group, k -> new ArrayList<>()).addAll(names);
            } else if (matched.isEmpty()) {
                unmatched.add(entry);
            }
        }
        for (JsonNode entry : unmatched) {
            Set<String> via = new LinkedHashSet<>();
            for (JsonNode rel : entry.path("related")) {
                String group = groupOfEntry.get(rel.path("dest-uuid").asText());
                if (group != null && "similar".equals(rel.path("type").asText()) && almostCertain(rel)) {
                    via.add(group);
                }
            }
            if (via.size() == 1) {
                out.computeIfAbsent(via.iterator().next(), k -> new ArrayList<>()).addAll(names(entry));
            }
        }
        return out;
    }

    private static boolean almostCertain(JsonNode rel) {
        for (JsonNode tag : rel.path("tags")) {
            if (tag.asText().contains("almost-certain")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(JsonNode entry) {
        List<String> names = new ArrayList<>();
        if (entry.path("value").isTextual()) {
            names.add(entry.path("value").asText());
        }
        for (JsonNode s : entry.path("meta").path("synonyms")) {
            if (s.isTextual() && !s.asText().isBlank() && !ATTACK_ID.matcher(s.asText().trim()).matches()) {
                names.add(s.asText().trim());
            }
        }
        return names;
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
