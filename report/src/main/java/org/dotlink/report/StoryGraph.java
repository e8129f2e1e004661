package org.dotlink.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dotlink.core.Story;

/**
 * The picture of a story: its hosts, and the processes, accounts, services, files and web clients its links
 * name, joined by edges labelled with the kind of link and the reason it gives. Built from the links'
 * entities: {@code X on HOST} joins X to that host, {@code A → B} joins two hosts, any other entity is
 * joined to the story's hosts; the rules that fired (at most {@link #MAX_DETECTIONS}) are joined to their host.
 * At most {@link #MAX_NODES} nodes; repeated edges are counted, not redrawn.
 *
 * @param nodes the nodes, hosts first
 * @param edges the edges between them
 */
public record StoryGraph(List<Node> nodes, List<Edge> edges) {

    /** The most nodes a story's picture shows. */
    public static final int MAX_NODES = 40;
    /** The most distinct detections (rule on host) a story's picture shows. */
    public static final int MAX_DETECTIONS = 8;

    /** A node: {@code kind} is host, process, account, service, file, web, detection or entity. */
    public record Node(String id, String label, String kind) {}

    /** An edge with the link kind, the first reason given for it, and how many links it stands for. */
    public record Edge(String from, String to, String kind, String reason, int count) {}

    /** The graph of one story. */
    public static StoryGraph of(Story story) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        Map<String, Edge> edges = new LinkedHashMap<>();
        int detections = 0;
        for (String h : story.hosts()) {
            host(nodes, h);
        }
        // a story's links name few entities many times over (and its findings few rules on few hosts): each
        // entity is placed once, in the order first named, and its edges count every link that names it
        for (Repeated<Story.Link> r : repeated(story.links(), l -> Arrays.asList(l.kind(), l.entity()))) {
            Story.Link link = r.first;
            String entity = link.entity() == null ? "" : link.entity();
            int arrow = entity.indexOf(" → ");
            int on = entity.lastIndexOf(" on ");
            if (arrow > 0) {
                String a = host(nodes, entity.substring(0, arrow).trim());
                String b = host(nodes, entity.substring(arrow + 3).trim());
                if (a != null && b != null) {
                    edge(edges, a, b, link, r.count);
                }
            } else if (on > 0) {
                String h = host(nodes, entity.substring(on + 4).trim());
                String n = entity(nodes, entity.substring(0, on).trim(), link.kind(), h);
                if (h != null && n != null) {
                    edge(edges, n, h, link, r.count);
                }
            } else if (!entity.isEmpty()) {
                String n = entity(nodes, entity, link.kind(), null);
                if (n != null) {
                    for (String h : story.hosts().subList(0, Math.min(5, story.hosts().size()))) {
                        edge(edges, n, "host:" + h, link, r.count);
                    }
                }
            }
        }
        for (Repeated<Story.FindingRef> r : repeated(story.findings(), f -> Arrays.asList(f.ruleTitle(), f.host()))) {
            Story.FindingRef f = r.first;
            String id = "detection:" + f.ruleTitle() + "@" + f.host();
            if (!nodes.containsKey(id) && (detections >= MAX_DETECTIONS || nodes.size() >= MAX_NODES)) {
                continue;
            }
            if (!nodes.containsKey(id)) {
                detections++;
                nodes.put(id, new Node(id, f.ruleTitle(), "detection"));
            }
            String h = host(nodes, f.host());
            if (h != null) {
                add(edges, id + "\u0000" + h, new Edge(id, h, "detected", f.ruleTitle() + " fired on " + f.host(), r.count));
            }
        }
        return new StoryGraph(new ArrayList<>(nodes.values()), new ArrayList<>(edges.values()));
    }

    /** The first of equal items and how many there are. */
    private static final class Repeated<T> {
        final T first;
        int count;

        Repeated(T first) {
            this.first = first;
        }
    }

    /** The items grouped by {@code key}, in the order each key first appears. */
    private static <T> Collection<Repeated<T>> repeated(List<T> items, Function<T, List<String>> key) {
        Map<List<String>, Repeated<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(key.apply(item), k -> new Repeated<>(item)).count++;
        }
        return groups.values();
    }

    /** A host's node id, its node added when new and the graph not full (null then); the test's reference builds with it too. */
    static String host(Map<String, Node> nodes, String name) {
        String id = "host:" + name.toLowerCase(java.util.Locale.ROOT);
        if (!nodes.containsKey(id)) {
            if (nodes.size() >= MAX_NODES) {
                return null;
            }
            nodes.put(id, new Node(id, name, "host"));
        }
        return id;
    }

    /** An entity's node id (its kind read from the link's), added as {@link #host} adds hosts. */
    static String entity(Map<String, Node> nodes, String label, String linkKind, String hostId) {
        String kind = switch (linkKind == null ? "" : linkKind) {
            case "process-tree", "web-to-process" -> "process";
            case "user-on-host", "account", "logon-session" -> "account";
            case "service" -> "service";
            case "tool-hash" -> "file";
            case "web-session" -> "web";
            default -> "entity";
        };
        String id = kind + ":" + label + (hostId == null ? "" : "@" + hostId);
        if (!nodes.containsKey(id)) {
            if (nodes.size() >= MAX_NODES) {
                return null;
            }
            nodes.put(id, new Node(id, label, kind));
        }
        return id;
    }

    private static void edge(Map<String, Edge> edges, String from, String to, Story.Link link, int count) {
        add(edges, from + "\u0000" + to + "\u0000" + link.kind(), new Edge(from, to, link.kind(), link.reason(), count));
    }

    /** Adds the edge, or its count to the edge already there (which keeps its reason). */
    private static void add(Map<String, Edge> edges, String key, Edge edge) {
        Edge known = edges.get(key);
        edges.put(key, known == null ? edge
                : new Edge(known.from(), known.to(), known.kind(), known.reason(), known.count() + edge.count()));
    }
}
