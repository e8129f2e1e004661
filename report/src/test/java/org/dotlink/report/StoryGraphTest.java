package org.dotlink.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dotlink.core.Story;
import org.junit.jupiter.api.Test;

class StoryGraphTest {

    private static Story story(List<String> hosts, List<Story.FindingRef> findings, List<Story.Link> links) {
        return new Story("story-0001", 1.0, hosts, List.of(), "t0", "t1", List.of(), List.of(), List.of(), List.of(),
                findings, links);
    }

    private static Story.FindingRef finding(String title, String host) {
        return new Story.FindingRef("k", "t", host, "r", title, "high", "s", 1);
    }

    @Test
    void repeatedLinksAreOneEdgeCountingThemWithTheFirstReason() {
        List<Story.Link> links = List.of(
                new Story.Link("a", "b", "process-tree", "cmd.exe on WS1", "first reason"),
                new Story.Link("b", "c", "process-tree", "cmd.exe on WS1", "second reason"),
                new Story.Link("c", "d", "remote-access", "ws1 → dc1", "ws1 reached dc1"),
                new Story.Link("d", "e", "account", "corp\\bob", "the same account"),
                new Story.Link("e", "f", "process-tree", "cmd.exe on WS1", "third reason"));
        List<Story.FindingRef> findings = List.of(finding("Rule A", "WS1"), finding("Rule A", "WS1"),
                finding("Rule B", "DC1"));
        StoryGraph g = StoryGraph.of(story(List.of("WS1", "DC1"), findings, links));

        assertEquals(List.of("host:ws1", "host:dc1", "process:cmd.exe@host:ws1", "account:corp\\bob",
                "detection:Rule A@WS1", "detection:Rule B@DC1"), g.nodes().stream().map(StoryGraph.Node::id).toList());
        assertEquals(List.of(
                new StoryGraph.Edge("process:cmd.exe@host:ws1", "host:ws1", "process-tree", "first reason", 3),
                new StoryGraph.Edge("host:ws1", "host:dc1", "remote-access", "ws1 reached dc1", 1),
                new StoryGraph.Edge("account:corp\\bob", "host:WS1", "account", "the same account", 1),
                new StoryGraph.Edge("account:corp\\bob", "host:DC1", "account", "the same account", 1),
                new StoryGraph.Edge("detection:Rule A@WS1", "host:ws1", "detected", "Rule A fired on WS1", 2),
                new StoryGraph.Edge("detection:Rule B@DC1", "host:dc1", "detected", "Rule B fired on DC1", 1)),
                g.edges());
    }

    /** Random stories, many of them past the node and detection caps: the same graph as placing one link at a time. */
    @Test
    void equalsPlacingOneLinkAndOneFindingAtATime() {
        Random random = new Random(6);
        String[] kinds = {"process-tree", "logon-session", "user-on-host", "account", "tool-hash", "service",
                "web-session", "remote-access", "time-proximity", "web-to-process"};
        int capped = 0;
        for (int round = 0; round < 300; round++) {
            int hostCount = 1 + random.nextInt(round % 3 == 0 ? 60 : 6);
            List<String> hosts = new ArrayList<>();
            for (int i = 0; i < hostCount; i++) {
                hosts.add((random.nextBoolean() ? "WS" : "ws") + i);
            }
            List<Story.Link> links = new ArrayList<>();
            int linkCount = random.nextInt(300);
            for (int i = 0; i < linkCount; i++) {
                String kind = kinds[random.nextInt(kinds.length)];
                String h = hosts.get(random.nextInt(hostCount));
                String entity = switch (random.nextInt(4)) {
                    case 0 -> h + " → " + hosts.get(random.nextInt(hostCount));
                    case 1 -> "proc" + random.nextInt(30) + ".exe on " + h;
                    case 2 -> random.nextInt(5) == 0 ? null : "";
                    default -> "corp\\user" + random.nextInt(20);
                };
                links.add(new Story.Link("f" + i, "f" + (i + 1), kind, entity, "reason " + random.nextInt(3)));
            }
            List<Story.FindingRef> findings = new ArrayList<>();
            int findingCount = 1 + random.nextInt(200);
            for (int i = 0; i < findingCount; i++) {
                findings.add(finding("Rule " + random.nextInt(15), hosts.get(random.nextInt(hostCount))));
            }
            Story s = story(hosts, findings, links);
            StoryGraph g = StoryGraph.of(s);
            assertEquals(oneAtATime(s), g, "round " + round);
            if (g.nodes().size() == StoryGraph.MAX_NODES) {
                capped++;
            }
        }
        assertTrue(capped > 20, "stories at the node cap: " + capped);
    }

    /** The graph built one link and one finding at a time, as written before links were grouped. */
    private static StoryGraph oneAtATime(Story story) {
        Map<String, StoryGraph.Node> nodes = new LinkedHashMap<>();
        Map<String, StoryGraph.Edge> edges = new LinkedHashMap<>();
        int detections = 0;
        for (String h : story.hosts()) {
            StoryGraph.host(nodes, h);
        }
        for (Story.Link link : story.links()) {
            String entity = link.entity() == null ? "" : link.entity();
            int arrow = entity.indexOf(" → ");
            int on = entity.lastIndexOf(" on ");
            if (arrow > 0) {
                String a = StoryGraph.host(nodes, entity.substring(0, arrow).trim());
                String b = StoryGraph.host(nodes, entity.substring(arrow + 3).trim());
                if (a != null && b != null) {
                    edge(edges, a, b, link);
                }
            } else if (on > 0) {
                String h = StoryGraph.host(nodes, entity.substring(on + 4).trim());
                String n = StoryGraph.entity(nodes, entity.substring(0, on).trim(), link.kind(), h);
                if (h != null && n != null) {
                    edge(edges, n, h, link);
                }
            } else if (!entity.isEmpty()) {
                String n = StoryGraph.entity(nodes, entity, link.kind(), null);
                if (n != null) {
                    for (String h : story.hosts().subList(0, Math.min(5, story.hosts().size()))) {
                        edge(edges, n, "host:" + h, link);
                    }
                }
            }
        }
        for (Story.FindingRef f : story.findings()) {
            String id = "detection:" + f.ruleTitle() + "@" + f.host();
            if (!nodes.containsKey(id) && (detections >= StoryGraph.MAX_DETECTIONS || nodes.size() >= StoryGraph.MAX_NODES)) {
                continue;
            }
            if (!nodes.containsKey(id)) {
                detections++;
                nodes.put(id, new StoryGraph.Node(id, f.ruleTitle(), "detection"));
            }
            String h = StoryGraph.host(nodes, f.host());
            if (h != null) {
                edges.merge(id + "\u0000" + h, new StoryGraph.Edge(id, h, "detected", f.ruleTitle() + " fired on " + f.host(), 1),
                        (a, b) -> new StoryGraph.Edge(a.from(), a.to(), a.kind(), a.reason(), a.count() + 1));
            }
        }
        return new StoryGraph(new ArrayList<>(nodes.values()), new ArrayList<>(edges.values()));
    }

    private static void edge(Map<String, StoryGraph.Edge> edges, String from, String to, Story.Link link) {
        edges.merge(from + "\u0000" + to + "\u0000" + link.kind(), new StoryGraph.Edge(from, to, link.kind(), link.reason(), 1),
                (a, b) -> new StoryGraph.Edge(a.from(), a.to(), a.kind(), a.reason(), a.count() + 1));
    }
}
