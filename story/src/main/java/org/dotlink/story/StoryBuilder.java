package org.dotlink.story;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dotlink.core.Finding;
import org.dotlink.core.IsoTime;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.dotlink.core.Story;
import org.dotlink.core.Tactics;

/**
 * Connects findings into stories. Feed it every event's facts ({@link #observe}, the events that detected
 * nothing included: they hold the process trees and logons between findings) and every finding
 * ({@link #add}, in the order written); {@link #build} links them and returns the stories, best first.
 *
 * <p>How findings are linked (each link is kept with its reason):
 * <ul>
 *   <li><b>process-tree</b>: both ran under the same process, found by walking up parents (and from a
 *       process to the one that wrote its executable) until a hub ({@link Hubs}: services.exe,
 *       svchost.exe, explorer.exe, ... or any process with more than 200 children); gap at most 24 h;</li>
 *   <li><b>logon-session</b>: the same logon session on a host, not a system session; gap at most 8 h;</li>
 *   <li><b>user-on-host</b>: the same (non-system) account on the same host within 30 minutes;</li>
 *   <li><b>account</b>: the same account on several hosts within 2 hours, unless the account is seen
 *       on at least 5 hosts and half of all hosts (a domain-wide account);</li>
 *   <li><b>tool-hash</b>: the same executable hash on several hosts within 24 hours, unless it is on at
 *       least 5 hosts and half of all hosts (a common program);</li>
 *   <li><b>service</b>: a service installed (System 7045) and a process services.exe started from the same
 *       executable on the same host within 10 minutes (PsExec, remote service creation);</li>
 *   <li><b>web-session</b>: web requests to the same server from the same client within 1 hour;</li>
 *   <li><b>web-to-process</b>: a web request finding, then a finding in a process started by the web
 *       server's worker (w3wp.exe, UMWorkerProcess.exe) on the same server within 30 minutes;</li>
 *   <li><b>remote-access</b>: a logon, share access, explicit-credential use or remote command from host
 *       A to host B at time t links the last finding on A before t to the first on B after t (each
 *       within 2 hours); a source that reaches more than 10 hosts and half of all hosts is a hub
 *       (management server, scanner) and links nothing.</li>
 * </ul>
 * Links only ever join consecutive findings of one entity, each within its time bound, so that a story
 * is a chain of explained steps. Memory is bounded by the entity tables' limits plus the findings.
 *
 * <h2>In two stages</h2>
 * The links above are of two sorts: those within one host (process-tree, logon-session, user-on-host,
 * service, web-session, web-to-process), which only need that host's events, and those across hosts
 * (account, tool-hash, remote-access), which need what every host said about accounts, hashes, addresses
 * and remote accesses. A driver that splits the work by host builds each host with
 * {@link Scope#WITHIN_HOST} over that host's facts and findings, and then all findings together with
 * {@link Scope#ACROSS_HOSTS} over the facts {@link CrossHostFacts} kept of every host, {@link #join}ing
 * the first stage's links: the stories group the findings exactly as one builder with {@link Scope#ALL}
 * over everything (the links listed may be another, equally valid, set joining the same findings).
 */
public final class StoryBuilder {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;

    /** One finding as the builder keeps it: what stories need, without the event. */
    private record Node(int index, String key, long time, String iso, String host, RuleInfo rule, Level level,
                        String assetRole, String source, long recordId, EventFacts facts, Set<String> indicators) {}

    /** Which links a builder looks for (see "In two stages" above). */
    public enum Scope {
        /** Every kind of link. */
        ALL,
        /** Only links within one host: feed it one host's facts and findings. */
        WITHIN_HOST,
        /** Only links across hosts (account, tool-hash, remote-access): feed it {@link CrossHostFacts}. */
        ACROSS_HOSTS;

        boolean withinHost() {
            return this != ACROSS_HOSTS;
        }

        boolean acrossHosts() {
            return this != WITHIN_HOST;
        }
    }

    private final EntityTable table;
    private final Scope scope;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Story.Link> joins = new ArrayList<>();

    public StoryBuilder() {
        this(Scope.ALL);
    }

    /** A builder that looks for the links of {@code scope} only. */
    public StoryBuilder(Scope scope) {
        this(1_000_000, 500_000, 200_000, scope);
    }

    /** With explicit limits on the processes, files and remote accesses remembered. */
    public StoryBuilder(int maxProcesses, int maxFiles, int maxRemotes) {
        this(maxProcesses, maxFiles, maxRemotes, Scope.ALL);
    }

    private StoryBuilder(int maxProcesses, int maxFiles, int maxRemotes, Scope scope) {
        this.table = new EntityTable(maxProcesses, maxFiles, maxRemotes);
        this.scope = scope;
    }

    /** Takes what an event says (null facts are ignored). */
    public void observe(EventFacts facts) {
        if (facts != null) {
            table.observe(facts);
        }
    }

    /** Adds the next finding; its facts come from its event (none for a correlation). */
    public void add(Finding f) {
        var d = f.detection();
        EventFacts facts = d.event() == null ? null : FactExtractor.of(d.event());
        long recordId = d.event() == null ? -1 : d.event().recordId();
        String source = d.event() != null ? d.event().source() : d.events().isEmpty() ? "" : d.events().get(0).source();
        nodes.add(new Node(nodes.size(), f.key(), IsoTime.toEpochMillis(d.time()), d.time(),
                facts != null ? facts.host() : org.dotlink.core.HostNames.normalize(d.host()), d.rule(), f.level(),
                f.assetRole(), source, recordId, facts, d.event() == null ? Set.of() : Indicators.of(d.event(), facts)));
    }

    /**
     * Adds a link found elsewhere (by another builder over part of the same findings) between two findings
     * added here, by their {@link Finding#key()}s; {@link #build} joins them first. A link naming a finding
     * that was not added is ignored.
     */
    public void join(Story.Link link) {
        joins.add(link);
    }

    /** The result: stories best first, and for each finding (in the order added) the index of its story. */
    public record Result(List<Story> stories, int[] storyOfFinding) {}

    public Result build() {
        int n = nodes.size();
        UnionFind uf = new UnionFind(n);
        List<List<Story.Link>> linksByRoot = new ArrayList<>();
        List<Story.Link> links = new ArrayList<>();
        for (Story.Link j : joins) {
            Integer from = indexOf(j.from());
            Integer to = indexOf(j.to());
            if (from != null && to != null && uf.union(from, to)) {
                links.add(j);
            }
        }
        Map<String, Anchor> anchors = new LinkedHashMap<>();
        for (Node node : nodes) {
            for (Anchor a : anchorsOf(node)) {
                anchors.computeIfAbsent(a.key, k -> a).members.add(node);
            }
        }
        for (Anchor a : anchors.values()) {
            a.members.sort(Comparator.comparingLong(Node::time));
            for (int i = 1; i < a.members.size(); i++) {
                Node x = a.members.get(i - 1);
                Node y = a.members.get(i);
                if (within(x.time, y.time, a.maxGap)) {
                    link(uf, links, x, y, a.kind, a.entity, a.reason);
                }
            }
        }
        if (scope.withinHost()) {
            linkWebToProcess(uf, links);
        }
        if (scope.acrossHosts()) {
            linkRemoteAccess(uf, links);
        }

        Map<Integer, List<Node>> groups = new LinkedHashMap<>();
        for (Node node : nodes) {
            groups.computeIfAbsent(uf.find(node.index), k -> new ArrayList<>()).add(node);
        }
        Map<Integer, List<Story.Link>> groupLinks = new HashMap<>();
        for (Story.Link l : links) {
            groupLinks.computeIfAbsent(uf.find(indexOf(l.from())), k -> new ArrayList<>()).add(l);
        }
        StoryScore scorer = new StoryScore(nodes.stream().map(x -> new StoryScore.Hit(x.rule.id(), x.host)).toList());
        List<Story> stories = new ArrayList<>();
        Map<Story, Integer> rootOf = new HashMap<>();
        for (var g : groups.entrySet()) {
            Story s = story(g.getValue(), groupLinks.getOrDefault(g.getKey(), List.of()), scorer);
            stories.add(s);
            rootOf.put(s, g.getKey());
        }
        stories.sort(Comparator.comparingDouble(Story::score).reversed()
                .thenComparing(Story::firstSeen).thenComparing(s -> s.findings().get(0).key()));
        int[] storyOf = new int[n];
        Map<Integer, Integer> rank = new HashMap<>();
        List<Story> named = new ArrayList<>();
        for (int i = 0; i < stories.size(); i++) {
            named.add(stories.get(i).withId(String.format("story-%04d", i + 1)));
            rank.put(rootOf.get(stories.get(i)), i);
        }
        for (Node node : nodes) {
            storyOf[node.index] = rank.get(uf.find(node.index));
        }
        return new Result(named, storyOf);
    }

    private Map<String, Integer> keyIndex;

    private Integer indexOf(String key) {
        if (keyIndex == null) {
            keyIndex = new HashMap<>();
            for (Node node : nodes) {
                keyIndex.putIfAbsent(node.key, node.index);
            }
        }
        return keyIndex.get(key);
    }

    /** Findings that share an entity, and how far apart in time they may be to be linked through it. */
    private static final class Anchor {
        final String key;
        final String kind;
        final String entity;
        final String reason;
        final long maxGap;
        final List<Node> members = new ArrayList<>();

        Anchor(String key, String kind, String entity, String reason, long maxGap) {
            this.key = key;
            this.kind = kind;
            this.entity = entity;
            this.reason = reason;
            this.maxGap = maxGap;
        }
    }

    private List<Anchor> anchorsOf(Node node) {
        List<Anchor> out = new ArrayList<>();
        EventFacts f = node.facts;
        if (f == null) {
            return out;
        }
        String root = scope.withinHost() ? treeRoot(table.resolve(f.process())) : null;
        if (root != null) {
            EntityTable.Proc p = table.process(root);
            String image = p != null && p.image != null ? p.image : "a process";
            out.add(new Anchor("tree:" + root, "process-tree", image + " on " + f.host(),
                    "both ran in the process tree of " + image + " on " + f.host(), 24 * HOUR));
        }
        if (scope.withinHost() && f.logon() != null && !Hubs.logon(f.logon())) {
            String id = f.logon().substring(f.logon().indexOf('|') + 1);
            out.add(new Anchor("logon:" + f.logon(), "logon-session", "logon session " + id + " on " + f.host(),
                    "the same logon session " + id + " on " + f.host(), 8 * HOUR));
        }
        if (scope.withinHost() && !Hubs.account(f.user())) {
            out.add(new Anchor("user:" + f.host() + "|" + f.user(), "user-on-host", f.user() + " on " + f.host(),
                    "the same account " + f.user() + " on " + f.host() + " within 30 minutes", 30 * MINUTE));
        }
        if (scope.acrossHosts() && !Hubs.account(f.user())) {
            int spread = table.accountSpread(f.user());
            if (spread > 1 && !(spread >= 5 && spread * 2 >= table.hostCount())) {
                out.add(new Anchor("account:" + f.user(), "account", f.user(),
                        "the same account " + f.user() + " on several hosts within 2 hours", 2 * HOUR));
            }
        }
        if (scope.acrossHosts() && f.hash() != null) {
            int spread = table.hashSpread(f.hash());
            if (spread > 1 && !(spread >= 5 && spread * 2 >= table.hostCount())) {
                out.add(new Anchor("hash:" + f.hash(), "tool-hash", f.image() + " " + f.hash(),
                        "the same executable (" + f.image() + ", hash " + f.hash() + ") on several hosts", 24 * HOUR));
            }
        }
        if (scope.withinHost() && f.service() != null) {
            out.add(new Anchor("service:" + f.host() + "|" + f.service(), "service", "service " + f.service() + " on " + f.host(),
                    "the service " + f.service() + " installed and started on " + f.host() + " within 10 minutes",
                    10 * MINUTE));
        }
        if (scope.withinHost() && f.webClient() != null) {
            out.add(new Anchor("web:" + f.host() + "|" + f.webClient(), "web-session",
                    "web client " + f.webClient() + " of " + f.host(),
                    "requests from " + f.webClient() + " to the web server " + f.host() + " within an hour", HOUR));
        }
        return out;
    }

    /** The top-most ancestor reachable without crossing a hub, following parents and then droppers. */
    private String treeRoot(String process) {
        if (process == null) {
            return null;
        }
        String current = process;
        Set<String> seen = new HashSet<>();
        for (int depth = 0; depth < 64 && seen.add(current); depth++) {
            EntityTable.Proc p = table.process(current);
            if (p == null) {
                break;
            }
            String next = p.parent != null && !isHub(p.parent) ? p.parent : p.dropper;
            if (next == null || isHub(next)) {
                break;
            }
            current = next;
        }
        return isHub(current) ? null : current;
    }

    private boolean isHub(String process) {
        EntityTable.Proc p = table.process(process);
        return p != null && (p.image != null && Hubs.PROCESSES.contains(p.image) || p.children > Hubs.MAX_CHILDREN);
    }

    private static final Set<String> WEB_WORKERS = Set.of("w3wp.exe", "umworkerprocess.exe");

    private void linkWebToProcess(UnionFind uf, List<Story.Link> links) {
        Map<String, List<Node>> workerFindings = new HashMap<>();
        for (Node node : nodes) {
            EventFacts f = node.facts;
            if (f != null && f.webClient() == null && f.process() != null) {
                EntityTable.Proc p = table.process(f.process());
                EntityTable.Proc parent = p == null ? null : table.process(p.parent);
                boolean underWorker = parent != null && parent.image != null && WEB_WORKERS.contains(parent.image)
                        || f.parentImage() != null && WEB_WORKERS.contains(f.parentImage());
                if (underWorker) {
                    workerFindings.computeIfAbsent(f.host(), k -> new ArrayList<>()).add(node);
                }
            }
        }
        for (Node web : nodes) {
            if (web.facts == null || web.facts.webClient() == null) {
                continue;
            }
            Node next = null;
            for (Node p : workerFindings.getOrDefault(web.host, List.of())) {
                if (p.time >= web.time - MINUTE && p.time <= web.time + 30 * MINUTE && (next == null || p.time < next.time)) {
                    next = p;
                }
            }
            if (next != null) {
                link(uf, links, web, next, "web-to-process", "web server " + web.host,
                        "a web request to " + web.host + " was followed by a process under its web server worker");
            }
        }
    }

    private void linkRemoteAccess(UnionFind uf, List<Story.Link> links) {
        Map<String, List<Node>> byHost = new HashMap<>();
        for (Node node : nodes) {
            byHost.computeIfAbsent(node.host, k -> new ArrayList<>()).add(node);
        }
        byHost.values().forEach(l -> l.sort(Comparator.comparingLong(Node::time)));
        Map<String, Set<String>> reach = new HashMap<>();
        List<String[]> edges = new ArrayList<>();
        List<EntityTable.Remote> remotes = table.remotes();
        for (EntityTable.Remote r : remotes) {
            String from = r.inbound() ? table.hostOf(r.from()) : r.from();
            String to = r.inbound() ? r.to() : table.hostOf(r.to());
            if (from == null || to == null || from.equals(to)) {
                edges.add(null);
                continue;
            }
            reach.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            edges.add(new String[] {from, to});
        }
        int hosts = table.hostCount();
        Set<String> done = new HashSet<>();
        for (int i = 0; i < remotes.size(); i++) {
            String[] e = edges.get(i);
            if (e == null) {
                continue;
            }
            int fanOut = reach.get(e[0]).size();
            if (fanOut > 10 && fanOut * 2 >= hosts) {
                continue;
            }
            EntityTable.Remote r = remotes.get(i);
            Node before = last(byHost.get(e[0]), r.time() - 2 * HOUR, r.time() + 5 * MINUTE);
            Node after = first(byHost.get(e[1]), r.time() - 5 * MINUTE, r.time() + 2 * HOUR);
            if (before != null && after != null && done.add(before.index + ">" + after.index)) {
                String who = r.user() == null ? "" : " as " + r.user();
                link(uf, links, before, after, "remote-access", e[0] + " → " + e[1],
                        e[0] + " reached " + e[1] + who + " (logon, share, service or remote command)");
            }
        }
    }

    /** The last node in [from, to] of a list sorted by time, by binary search; null when none. */
    private static Node last(List<Node> sorted, long from, long to) {
        if (sorted == null) {
            return null;
        }
        int i = firstAfter(sorted, to) - 1;
        return i >= 0 && sorted.get(i).time >= from ? sorted.get(i) : null;
    }

    /** The first node in [from, to] of a list sorted by time, by binary search; null when none. */
    private static Node first(List<Node> sorted, long from, long to) {
        if (sorted == null) {
            return null;
        }
        int i = firstAfter(sorted, from - 1);
        return i < sorted.size() && sorted.get(i).time <= to ? sorted.get(i) : null;
    }

    /** The index of the first node whose time is after {@code t} (the list's size when none is). */
    private static int firstAfter(List<Node> sorted, long t) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).time <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean within(long a, long b, long gap) {
        return a != Long.MIN_VALUE && b != Long.MIN_VALUE && Math.abs(b - a) <= gap;
    }

    private static void link(UnionFind uf, List<Story.Link> links, Node a, Node b, String kind, String entity, String reason) {
        if (uf.union(a.index, b.index)) {
            links.add(new Story.Link(a.key, b.key, kind, entity, reason));
        }
    }

    private Story story(List<Node> members, List<Story.Link> links, StoryScore scorer) {
        members.sort(Comparator.comparingLong(Node::time).thenComparingInt(Node::index));
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        Set<String> tactics = new HashSet<>();
        Set<String> techniques = new TreeSet<>();
        Set<String> software = new TreeSet<>();
        Set<String> indicators = new TreeSet<>();
        List<Story.FindingRef> refs = new ArrayList<>();
        for (Node m : members) {
            indicators.addAll(m.indicators);
            hosts.add(m.host);
            if (m.facts != null && !Hubs.account(m.facts.user())) {
                users.add(m.facts.user());
            }
            tactics.addAll(m.rule.tactics());
            techniques.addAll(m.rule.techniques());
            software.addAll(m.rule.software());
            refs.add(new Story.FindingRef(m.key, m.iso, m.host, m.rule.id(), m.rule.title(), m.level.label(), m.source,
                    m.recordId));
        }
        List<StoryScore.Member> scored = members.stream()
                .map(m -> new StoryScore.Member(m.rule, m.level, m.host, m.assetRole)).toList();
        return new Story("", scorer.score(scored), new ArrayList<>(hosts), new ArrayList<>(users),
                members.get(0).iso, members.get(members.size() - 1).iso, Tactics.inOrder(tactics),
                new ArrayList<>(techniques), new ArrayList<>(software), new ArrayList<>(indicators), refs, links);
    }
}
