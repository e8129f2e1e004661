package org.dotlink.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A story as a graph of the entities its links name: hosts, processes, accounts, logon sessions,
 * services, web clients. Every finding is on its host; every link of the story joins the entity it
 * names to the hosts of the two findings it links (a remote access joins the two hosts), labelled with
 * the link's reason. Each node and edge lists the keys of the findings behind it.
 *
 * @param nodes the entities
 * @param edges the links between them, one per (from, to, reason)
 */
public record StoryGraph(List<Node> nodes, List<Edge> edges) {

    /** The most nodes drawn; a larger story keeps its hosts and the entities with the most findings. */
    static final int MAX_NODES = 80;

    /**
     * An entity.
     *
     * @param id       {@code kind:entity}, the entity as the link names it
     * @param kind     host, process, account, session, service, web-client or entity
     * @param label    its name as the link says it
     * @param findings keys of the findings on or through it
     */
    public record Node(String id, String kind, String label, Set<String> findings) {}

    /**
     * A link between two entities.
     *
     * @param kind     the story link's kind ({@code process-tree}, ...), or {@code on} for an entity on its host
     * @param reason   the link's reason
     * @param findings keys of the findings it joins
     */
    public record Edge(String from, String to, String kind, String reason, Set<String> findings) {}

    /** The graph of one story of {@code stories.json}. */
    public static StoryGraph of(JsonNode story) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        Map<String, Edge> edges = new LinkedHashMap<>();
        Map<String, String> hostOf = new LinkedHashMap<>();
        for (JsonNode f : story.path("findings")) {
            String key = f.path("key").asText();
            String host = f.path("host").asText("");
            hostOf.put(key, host);
            if (!host.isEmpty()) {
                node(nodes, "host", host).findings().add(key);
            }
        }
        for (JsonNode l : story.path("links")) {
            String from = l.path("from").asText();
            String to = l.path("to").asText();
            String kind = l.path("kind").asText();
            String entity = l.path("entity").asText();
            String reason = l.path("reason").asText();
            Set<String> keys = new LinkedHashSet<>(List.of(from, to));
            if (kind.equals("remote-access") && entity.contains(" → ")) {
                String[] ends = entity.split(" → ", 2);
                Node a = node(nodes, "host", ends[0].strip());
                Node b = node(nodes, "host", ends[1].strip());
                edge(edges, a.id(), b.id(), kind, reason, keys);
                continue;
            }
            Node e = node(nodes, entityKind(kind), entity, entityLabel(kind, entity));
            e.findings().addAll(keys);
            for (String key : keys) {
                String host = hostOf.getOrDefault(key, "");
                if (!host.isEmpty()) {
                    edge(edges, e.id(), "host:" + host, kind, reason, Set.of(key));
                }
            }
        }
        return limited(new ArrayList<>(nodes.values()), new ArrayList<>(edges.values()));
    }

    private static StoryGraph limited(List<Node> nodes, List<Edge> edges) {
        if (nodes.size() <= MAX_NODES) {
            return new StoryGraph(nodes, edges);
        }
        List<Node> kept = new ArrayList<>(nodes);
        kept.sort((a, b) -> {
            int hostFirst = Boolean.compare(!a.kind().equals("host"), !b.kind().equals("host"));
            return hostFirst != 0 ? hostFirst : Integer.compare(b.findings().size(), a.findings().size());
        });
        kept = new ArrayList<>(kept.subList(0, MAX_NODES));
        Set<String> ids = new LinkedHashSet<>();
        kept.forEach(n -> ids.add(n.id()));
        List<Edge> keptEdges = edges.stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
        return new StoryGraph(kept, keptEdges);
    }

    private static Node node(Map<String, Node> nodes, String kind, String label) {
        return node(nodes, kind, label, label);
    }

    /** The node of an entity; {@code label} may leave out what {@code entity} says (its host). */
    private static Node node(Map<String, Node> nodes, String kind, String entity, String label) {
        return nodes.computeIfAbsent(kind + ":" + entity, id -> new Node(id, kind, label, new LinkedHashSet<>()));
    }

    private static void edge(Map<String, Edge> edges, String from, String to, String kind, String reason,
                             Set<String> keys) {
        edges.computeIfAbsent(from + "\n" + to + "\n" + reason,
                k -> new Edge(from, to, kind, reason, new LinkedHashSet<>())).findings().addAll(keys);
    }

    static String entityKind(String linkKind) {
        return switch (linkKind) {
            case "process-tree" -> "process";
            case "user-on-host", "account" -> "account";
            case "logon-session" -> "session";
            case "service" -> "service";
            case "web-session", "web-to-process" -> "web-client";
            case "tool-hash" -> "file";
            default -> "entity";
        };
    }

    /** The entity's name without the host the link also names ({@code cmd.exe on pc01} → {@code cmd.exe}). */
    static String entityLabel(String linkKind, String entity) {
        String label = entity;
        if (linkKind.equals("user-on-host") || linkKind.equals("process-tree")) {
            int on = label.lastIndexOf(" on ");
            if (on > 0) {
                label = label.substring(0, on);
            }
        }
        return label;
    }
}
