package org.dotlink.intel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MITRE ATT&amp;CK as Dotlink uses it: techniques and sub-techniques with their tactics, tactics, groups with
 * aliases, software (malware and tools) with aliases, campaigns with the groups they are attributed to, and
 * the {@code uses} relationships group→technique, group→software, campaign→technique, campaign→software
 * and software→technique. Everything is keyed by ATT&amp;CK ids ({@code T1003.001}, {@code G0093},
 * {@code S0002}, {@code C0024}, {@code TA0006}).
 *
 * <p>Revoked objects are not kept; their ids are answered through their {@code revoked-by} replacement
 * ({@link #currentId}), and relationships that point at a revoked object are moved to its replacement.
 * Deprecated objects ({@code x_mitre_deprecated}) are kept, flagged, so that their ids are known, but no
 * {@code uses} or {@code attributed-to} relationship to or from them is kept, and deprecated groups are
 * not ranked ({@link #rankableGroups}). Relationships that are themselves revoked or deprecated are skipped.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class AttackKnowledgeBase {

    private final Path source;
    private final Map<String, Technique> techniques;
    private final Map<String, Tactic> tactics;
    private final Map<String, Group> groups;
    private final Map<String, Software> software;
    private final Map<String, Campaign> campaigns;
    private final Map<String, String> revoked;
    private final Map<String, Set<String>> usesTechniques;
    private final Map<String, Set<String>> usesSoftware;

    private AttackKnowledgeBase(Path source, Map<String, Technique> techniques, Map<String, Tactic> tactics,
                                Map<String, Group> groups, Map<String, Software> software,
                                Map<String, Campaign> campaigns, Map<String, String> revoked,
                                Map<String, Set<String>> usesTechniques, Map<String, Set<String>> usesSoftware) {
        this.source = source;
        this.techniques = techniques;
        this.tactics = tactics;
        this.groups = groups;
        this.software = software;
        this.campaigns = campaigns;
        this.revoked = revoked;
        this.usesTechniques = usesTechniques;
        this.usesSoftware = usesSoftware;
    }

    /**
     * Reads a STIX 2.0 or 2.1 bundle (such as MITRE's {@code enterprise-attack.json}).
     *
     * @throws AttackDataException when the file is missing, not JSON, not a bundle, or holds no techniques;
     *                               the message names the file
     */
    public static AttackKnowledgeBase load(Path bundle) {
        List<StixObject> objects = StixBundleReader.read(bundle);
        AttackKnowledgeBase kb = build(bundle, objects);
        if (kb.techniques.isEmpty()) {
            throw new AttackDataException(bundle, "the bundle holds no ATT&CK techniques (attack-pattern objects"
                    + " with a mitre-attack external id); is it an ATT&CK bundle?");
        }
        return kb;
    }

    /** The file the knowledge base was read from. */
    public Path source() {
        return source;
    }

    // ---- techniques and tactics ----

    /** All techniques and sub-techniques not revoked (deprecated ones included, flagged), by id. */
    public Collection<Technique> techniques() {
        return techniques.values();
    }

    /** The technique with this id, following revocations ({@code T1086} gives {@code T1059.001}). */
    public Optional<Technique> technique(String id) {
        return Optional.ofNullable(techniques.get(currentId(id)));
    }

    /** Tactics in the order of the ATT&amp;CK matrix (by id when the bundle has no matrix). */
    public Collection<Tactic> tactics() {
        return tactics.values();
    }

    /** The tactic with this short name ({@code credential-access}) or id ({@code TA0006}). */
    public Optional<Tactic> tactic(String shortNameOrId) {
        Tactic t = tactics.get(shortNameOrId);
        if (t != null) {
            return Optional.of(t);
        }
        return tactics.values().stream().filter(x -> x.id().equalsIgnoreCase(shortNameOrId)).findFirst();
    }

    // ---- groups, software, campaigns ----

    /** All groups not revoked (deprecated ones included, flagged), by id. */
    public Collection<Group> groups() {
        return groups.values();
    }

    /** The groups that attribution ranks: not revoked, not deprecated; by id. */
    public List<Group> rankableGroups() {
        return groups.values().stream().filter(g -> !g.deprecated()).toList();
    }

    /** The group with this id, following revocations. */
    public Optional<Group> group(String id) {
        return Optional.ofNullable(groups.get(currentId(id)));
    }

    /** Groups whose name or an alias equals {@code name}, ignoring case; usually one. */
    public List<Group> groupsNamed(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        List<Group> out = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.name().toLowerCase(Locale.ROOT).equals(n)
                    || g.aliases().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(n))) {
                out.add(g);
            }
        }
        return out;
    }

    /** All software not revoked (deprecated included, flagged), by id. */
    public Collection<Software> software() {
        return software.values();
    }

    /** The software with this id, following revocations. */
    public Optional<Software> software(String id) {
        return Optional.ofNullable(software.get(currentId(id)));
    }

    /** All campaigns, by id. */
    public Collection<Campaign> campaigns() {
        return campaigns.values();
    }

    /** The campaign with this id. */
    public Optional<Campaign> campaign(String id) {
        return Optional.ofNullable(campaigns.get(currentId(id)));
    }

    /** The campaigns attributed to the group, by id. */
    public List<Campaign> campaignsOf(String groupId) {
        return campaigns.values().stream().filter(c -> c.groups().contains(groupId)).toList();
    }

    // ---- relationships ----

    /** Technique ids used by a group, campaign or software (its own {@code uses} relationships only). */
    public Set<String> techniquesUsedBy(String id) {
        return usesTechniques.getOrDefault(id, Set.of());
    }

    /** Software ids used by a group or campaign (its own {@code uses} relationships only). */
    public Set<String> softwareUsedBy(String id) {
        return usesSoftware.getOrDefault(id, Set.of());
    }

    /** The number of {@code uses} relationships kept. */
    public int usesCount() {
        int n = 0;
        for (Set<String> s : usesTechniques.values()) {
            n += s.size();
        }
        for (Set<String> s : usesSoftware.values()) {
            n += s.size();
        }
        return n;
    }

    /**
     * The current id for an id that ATT&amp;CK revoked (followed through {@code revoked-by}, however many
     * times), or the id itself. Ids are compared as ATT&amp;CK writes them (upper case).
     */
    public String currentId(String id) {
        String up = id.trim().toUpperCase(Locale.ROOT);
        String to = revoked.get(up);
        return to == null ? up : to;
    }

    /** Revoked ids and the ids that replace them. */
    public Map<String, String> revokedIds() {
        return revoked;
    }

    /**
     * A copy of this knowledge base whose groups have the given aliases added (after their own, without
     * duplicates, ignoring case); for synonyms from a MISP galaxy ({@link MispGalaxySynonyms}).
     *
     * @param extra aliases to add, by group id; unknown ids are ignored
     */
    public AttackKnowledgeBase withGroupAliases(Map<String, ? extends Collection<String>> extra) {
        Map<String, Group> out = new LinkedHashMap<>();
        for (Group g : groups.values()) {
            Collection<String> more = extra.containsKey(g.id()) ? extra.get(g.id()) : List.of();
            Set<String> seen = new HashSet<>();
            seen.add(g.name().toLowerCase(Locale.ROOT));
            List<String> aliases = new ArrayList<>();
            for (String a : concat(g.aliases(), more)) {
                if (seen.add(a.toLowerCase(Locale.ROOT))) {
                    aliases.add(a);
                }
            }
            out.put(g.id(), new Group(g.id(), g.name(), aliases, g.deprecated()));
        }
        return new AttackKnowledgeBase(source, techniques, tactics, Collections.unmodifiableMap(out), software,
                campaigns, revoked, usesTechniques, usesSoftware);
    }

    /** The same knowledge base, naming another file as its source (after the file was moved). */
    AttackKnowledgeBase movedTo(Path file) {
        return new AttackKnowledgeBase(file, techniques, tactics, groups, software, campaigns, revoked, usesTechniques,
                usesSoftware);
    }

    private static List<String> concat(Collection<String> a, Collection<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    // ---- building ----

    private static AttackKnowledgeBase build(Path source, List<StixObject> objects) {
        Map<String, StixObject> byStixId = new HashMap<>();
        Map<String, String> revokedBy = new HashMap<>();
        List<String> matrixTactics = new ArrayList<>();
        for (StixObject o : objects) {
            if (o.type().equals("relationship")) {
                if ("revoked-by".equals(o.relationshipType()) && o.sourceRef() != null && o.targetRef() != null) {
                    revokedBy.put(o.sourceRef(), o.targetRef());
                }
            } else if (o.id() != null) {
                byStixId.put(o.id(), o);
                if (o.type().equals("x-mitre-matrix") && matrixTactics.isEmpty()) {
                    matrixTactics.addAll(o.tacticRefs());
                }
            }
        }

        Map<String, Technique> techniques = new TreeMap<>();
        Map<String, Tactic> tacticsById = new TreeMap<>();
        Map<String, Group> groups = new TreeMap<>();
        Map<String, Software> software = new TreeMap<>();
        Map<String, StixObject> campaignObjects = new TreeMap<>();
        Map<String, String> revoked = new TreeMap<>();
        for (StixObject o : byStixId.values()) {
            String ext = o.externalId();
            if (ext == null) {
                continue;
            }
            ext = ext.toUpperCase(Locale.ROOT);
            if (o.revoked()) {
                StixObject to = byStixId.get(resolve(o.id(), revokedBy));
                if (to != null && !to.revoked() && to.externalId() != null
                        && !to.externalId().equalsIgnoreCase(ext)) {
                    revoked.put(ext, to.externalId().toUpperCase(Locale.ROOT));
                }
                continue;
            }
            switch (o.type()) {
                case "attack-pattern" -> techniques.put(ext, new Technique(ext, nameOr(o, ext), o.phases(),
                        o.deprecated()));
                case "x-mitre-tactic" -> {
                    if (o.shortName() != null) {
                        tacticsById.put(o.id(), new Tactic(ext, o.shortName(), nameOr(o, ext)));
                    }
                }
                case "intrusion-set" -> groups.put(ext, new Group(ext, nameOr(o, ext), withoutName(o), o.deprecated()));
                case "malware", "tool" -> software.put(ext, new Software(ext, nameOr(o, ext), withoutName(o),
                        o.type().equals("tool"), o.deprecated()));
                case "campaign" -> campaignObjects.put(ext, o);
                default -> { }
            }
        }

        Map<String, Set<String>> usesTechniques = new HashMap<>();
        Map<String, Set<String>> usesSoftware = new HashMap<>();
        Map<String, Set<String>> attributed = new HashMap<>();
        for (StixObject r : objects) {
            if (!r.type().equals("relationship") || r.revoked() || r.deprecated() || r.sourceRef() == null
                    || r.targetRef() == null) {
                continue;
            }
            boolean uses = "uses".equals(r.relationshipType());
            boolean attributedTo = "attributed-to".equals(r.relationshipType());
            if (!uses && !attributedTo) {
                continue;
            }
            StixObject from = active(byStixId.get(resolve(r.sourceRef(), revokedBy)));
            StixObject to = active(byStixId.get(resolve(r.targetRef(), revokedBy)));
            if (from == null || to == null) {
                continue;
            }
            String fromId = from.externalId().toUpperCase(Locale.ROOT);
            String toId = to.externalId().toUpperCase(Locale.ROOT);
            String fromType = from.type();
            String toType = to.type();
            boolean actor = fromType.equals("intrusion-set") || fromType.equals("campaign");
            boolean softwareFrom = fromType.equals("malware") || fromType.equals("tool");
            if (uses && toType.equals("attack-pattern") && (actor || softwareFrom)) {
                usesTechniques.computeIfAbsent(fromId, k -> new TreeSet<>()).add(toId);
            } else if (uses && actor && (toType.equals("malware") || toType.equals("tool"))) {
                usesSoftware.computeIfAbsent(fromId, k -> new TreeSet<>()).add(toId);
            } else if (attributedTo && fromType.equals("campaign") && toType.equals("intrusion-set")) {
                attributed.computeIfAbsent(fromId, k -> new TreeSet<>()).add(toId);
            }
        }

        Map<String, Campaign> campaigns = new TreeMap<>();
        for (Map.Entry<String, StixObject> e : campaignObjects.entrySet()) {
            campaigns.put(e.getKey(), new Campaign(e.getKey(), nameOr(e.getValue(), e.getKey()),
                    List.copyOf(attributed.getOrDefault(e.getKey(), Set.of()))));
        }

        Map<String, Tactic> tactics = new LinkedHashMap<>();
        for (String ref : matrixTactics) {
            Tactic t = tacticsById.remove(ref);
            if (t != null) {
                tactics.put(t.shortName(), t);
            }
        }
        tacticsById.values().stream().sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(t -> tactics.putIfAbsent(t.shortName(), t));

        return new AttackKnowledgeBase(source, unmodifiable(techniques), unmodifiable(tactics), unmodifiable(groups),
                unmodifiable(software), unmodifiable(campaigns), unmodifiable(revoked), frozen(usesTechniques),
                frozen(usesSoftware));
    }

    /** Follows {@code revoked-by} from a STIX id to the end of the chain (a cycle stops where it closes). */
    private static String resolve(String stixId, Map<String, String> revokedBy) {
        String id = stixId;
        Set<String> seen = new LinkedHashSet<>();
        while (revokedBy.containsKey(id) && seen.add(id)) {
            id = revokedBy.get(id);
        }
        return id;
    }

    /** The object when it can take part in relationships: known, with an ATT&CK id, neither revoked nor deprecated. */
    private static StixObject active(StixObject o) {
        return o == null || o.externalId() == null || o.revoked() || o.deprecated() ? null : o;
    }

    private static String nameOr(StixObject o, String fallback) {
        return o.name() == null ? fallback : o.name();
    }

    private static List<String> withoutName(StixObject o) {
        return o.aliases().stream().filter(a -> !a.equalsIgnoreCase(o.name())).distinct().toList();
    }

    private static <V> Map<String, V> unmodifiable(Map<String, V> m) {
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Set<String>> frozen(Map<String, Set<String>> m) {
        Map<String, Set<String>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, Collections.unmodifiableSet(v)));
        return Collections.unmodifiableMap(out);
    }
}
