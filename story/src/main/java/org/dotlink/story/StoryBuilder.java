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
 *       process to the one that wrote its executable or a module it loaded, set the registry value that
 *       points at its executable, or created a thread in it) until a hub ({@link Hubs}: services.exe,
 *       svchost.exe, explorer.exe, ... or any process with more than 200 children); gap at most 24 h;</li>
 *   <li><b>logon-session</b>: the same logon session on a host, not a system session; gap at most 8 h;</li>
 *   <li><b>user-on-host</b>: the same (non-system) account on the same host within 30 minutes;</li>
 *   <li><b>account</b>: the same account on several hosts within 2 hours, unless the account is seen
 *       on at least 5 hosts and half of all hosts (a domain-wide account);</li>
 *   <li><b>tool-hash</b>: the same executable hash on several hosts within 24 hours, unless it is on at
 *       least 5 hosts and half of all hosts (a common program);</li>
 *   <li><b>service</b>: a service installed (System 7045, Security 4697) or created or changed by a command line
 *       ({@code sc config x binpath= ...}) and a process services.exe started from the same executable on the
 *       same host within 10 minutes (PsExec, remote service creation, a service's path changed);</li>
 *   <li><b>scheduled-task</b>: the same scheduled task on a host (created by {@code schtasks /tn} or an API,
 *       its registry keys written by the Task Scheduler, run, changed or deleted) within 24 hours;</li>
 *   <li><b>wmi-consumer</b>: a WMI subscription binding a script consumer (Sysmon 20, 21) and the program
 *       that runs script consumers ({@code scrcons.exe}) on the same host within 1 hour;</li>
 *   <li><b>web-session</b>: web requests to the same server from the same client within 1 hour;</li>
 *   <li><b>web-to-process</b>: a web request finding, then a finding in a process started by the web
 *       server's worker (w3wp.exe, UMWorkerProcess.exe) on the same server within 30 minutes;</li>
 *   <li><b>remote-access</b>: a logon or share access by a person's account (not a computer's own, not
 *       anonymous), explicit-credential use, remote command, or connection
 *       of a non-system process to an administration port (SMB, RPC, RDP, WinRM, SSH) from host A to host B
 *       at time t links the last finding on A before t to the first on B after t (each within 2 hours; the
 *       access's account's own findings first, then any; 5 minutes the other way of t only when there is
 *       none, for the hosts' clocks); a source that reaches more than 10 hosts and half of all hosts is a hub
 *       (management server, scanner) and links nothing;</li>
 *   <li><b>time-proximity</b>, the one link through no entity: a finding that none of the links within
 *       its host joins to another, of a rule fired at most 3 times on that host, joins the story (of at
 *       least two findings) of the nearest finding on the same host within 10 minutes. It never joins two
 *       stories and never chains lone findings.</li>
 * </ul>
 * Links only ever join consecutive findings of one entity, each within its time bound, so that a story
 * is a chain of explained steps. Memory is bounded by the entity tables' limits plus the findings.
 *
 * <h2>In two stages</h2>
 * The links above are of two sorts: those within one host (process-tree, logon-session, user-on-host,
 * service, scheduled-task, wmi-consumer, web-session, web-to-process, and time-proximity, decided on the others within
 * the host alone), which only need that host's events, and those across hosts (account, tool-hash,
 * remote-access), which need what every host said about accounts, hashes, addresses
 * and remote accesses. A driver that splits the work by host builds each host with
 * {@link Scope#WITHIN_HOST} over that host's facts and findings, and then all findings together with
 * {@link Scope#ACROSS_HOSTS} over the facts {@link CrossHostFacts} kept of every host, {@link #join}ing
 * the first stage's links: the stories group the findings exactly as one builder with {@link Scope#ALL}
 * over everything (the links listed may be another, equally valid, set joining the same findings).
 */
public final class StoryBuilder {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;

    /**
     * One finding as the builder keeps it: what stories need, without the event; {@code user} is the facts'
     * account unless it is a system one ({@link Hubs#account}), else null. {@code key} is null for a finding
     * on an event: its key is made from the rule, source, record id and {@code offset} when the stories are
     * built (a finding's key is its longest value, and the builder holds every finding until then).
     */
    private record Node(int index, String key, long offset, long time, String iso, String host, RuleInfo rule,
                        Level level, String assetRole, String source, long recordId, EventFacts facts, String user,
                        List<String> indicators) {
        /** The finding's {@link Finding#key()}. */
        String findingKey() {
            return key != null ? key : Finding.key(rule.id(), source, recordId, offset);
        }
    }

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

    private EntityTable table;
    private final Scope scope;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Story.Link> joins = new ArrayList<>();
    /** While building: each finding's key, by its index. */
    private String[] keys;
    /** While building: the tree root of each process met, {@link #NO_ROOT} when it has none. */
    private Map<String, String> treeRoots;
    /** No tree root: a string instance of its own, told apart from every root by reference. */
    private static final String NO_ROOT = new String("");
    /** Values the nodes keep, each equal value once. */
    private final Map<Object, Object> shared = new HashMap<>();

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

    /**
     * What the builder keeps of a finding, read apart from the builder (by a worker thread, say): see
     * {@link #prepare}. {@code facts} are only the facts linking reads after {@link #observe} (the process and
     * its image, the parent's image, logon, account, hash, web client, service, task); {@code user} is their
     * account unless it is a system one ({@link Hubs#account}). {@code key} is the finding's {@link Finding#key()}
     * when it has no event (a correlation), else null: the builder makes it from the rule, source, record id
     * and the event's {@code offset}.
     */
    public record Prepared(String key, long offset, long time, String iso, String host, String source,
                           long recordId, EventFacts facts, String user, List<String> indicators) {}

    /** Reads a finding's facts and indicators from its event (none for a correlation); thread-safe. */
    public static Prepared prepare(Finding f) {
        var e = f.detection().event();
        return prepare(f, e == null ? null : FactExtractor.of(e));
    }

    /** As {@link #prepare(Finding)}, with the facts of the finding's event already read ({@link FactExtractor#of}). */
    public static Prepared prepare(Finding f, EventFacts facts) {
        var d = f.detection();
        var e = d.event();
        List<String> indicators = e == null ? List.of() : List.copyOf(Indicators.of(e, facts));
        EventFacts kept = facts == null ? null : new EventFacts(facts.host(), facts.time(), facts.process(), null,
                facts.image(), facts.parentImage(), facts.started(), facts.logon(), facts.user(), null, null,
                facts.hash(), null, null, facts.webClient(), null, facts.service(), null, facts.task(), null, null,
                facts.wmiConsumer());
        String source = e != null ? e.source() : d.events().isEmpty() ? "" : d.events().get(0).source();
        return new Prepared(e == null ? f.key() : null, e == null ? -1 : e.offset(), IsoTime.toEpochMillis(d.time()),
                d.time(),
                facts != null ? facts.host() : org.dotlink.core.HostNames.normalize(d.host()), source,
                e == null ? -1 : e.recordId(), kept, facts == null || Hubs.account(facts.user()) ? null : facts.user(),
                indicators);
    }

    /** Adds the next finding; its facts come from its event (none for a correlation). */
    public void add(Finding f) {
        add(f, prepare(f));
    }

    /**
     * Adds the next finding with what {@link #prepare} read of it; each value and indicator list is kept as one
     * shared instance: findings of one process or account repeat them, and the builder holds every finding
     * until {@link #build}.
     */
    public void add(Finding f, Prepared p) {
        EventFacts facts = p.facts();
        if (facts != null) {
            facts = new EventFacts(same(facts.host()), facts.time(), same(facts.process()), null, same(facts.image()),
                    same(facts.parentImage()), facts.started(), same(facts.logon()), same(facts.user()), null, null,
                    same(facts.hash()), null, null, same(facts.webClient()), null, same(facts.service()), null,
                    same(facts.task()), null, null, same(facts.wmiConsumer()));
        }
        nodes.add(new Node(nodes.size(), p.key(), p.offset(), p.time(), p.iso(), same(p.host()), f.rule(), f.level(),
                f.assetRole(), p.source(), p.recordId(), facts, same(p.user()), same(p.indicators())));
    }

    /** The instance kept for values equal to {@code value} (the first one seen); null for null. */
    @SuppressWarnings("unchecked")
    private <T> T same(T value) {
        if (value == null) {
            return null;
        }
        Object kept = shared.putIfAbsent(value, value);
        return kept == null ? value : (T) kept;
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

    /** Links the findings into stories. A builder builds once: it lets go of what it kept for that. */
    public Result build() {
        if (table == null) {
            throw new IllegalStateException("this builder has built its stories already");
        }
        int n = nodes.size();
        // each finding's key once, shared by its reference in the story and the links naming it
        keys = new String[n];
        for (Node node : nodes) {
            keys[node.index] = node.findingKey();
        }
        treeRoots = new HashMap<>();
        UnionFind uf = new UnionFind(n);
        List<Pending> links = new ArrayList<>();
        Map<String, Integer> keyIndex = joins.isEmpty() ? Map.of() : keyIndex();
        for (Story.Link j : joins) {
            Integer from = keyIndex.get(j.from());
            Integer to = keyIndex.get(j.to());
            if (from != null && to != null && uf.union(from, to)) {
                links.add(new Pending(from, to, j, null, null));
            }
        }
        // links within a host first: which findings the time-proximity link may attach depends on them alone,
        // so that a builder over one host and a builder over every host decide alike
        Map<AnchorKey, Anchor> withinHost = new LinkedHashMap<>();
        Map<AnchorKey, Anchor> acrossHosts = new LinkedHashMap<>();
        for (Node node : nodes) {
            anchor(node, withinHost, acrossHosts);
        }
        linkMembers(uf, links, withinHost);
        if (scope.withinHost()) {
            linkWebToProcess(uf, links);
            linkByTimeProximity(uf, links);
        }
        linkMembers(uf, links, acrossHosts);
        if (scope.acrossHosts()) {
            linkRemoteAccess(uf, links);
        }

        Map<Integer, List<Node>> groups = new LinkedHashMap<>();
        for (Node node : nodes) {
            groups.computeIfAbsent(uf.find(node.index), k -> new ArrayList<>()).add(node);
        }
        Map<Integer, List<Story.Link>> groupLinks = new HashMap<>();
        for (Pending l : links) {
            groupLinks.computeIfAbsent(uf.find(l.from), k -> new ArrayList<>()).add(l.toLink(this));
        }
        StoryScore scorer = new StoryScore(nodes.stream().map(x -> new StoryScore.Hit(x.rule.id(), x.host)).toList());
        List<Story> stories = new ArrayList<>();
        List<Integer> roots = new ArrayList<>();
        for (var g : groups.entrySet()) {
            stories.add(story(g.getValue(), groupLinks.getOrDefault(g.getKey(), List.of()), scorer));
            roots.add(g.getKey());
        }
        Integer[] order = new Integer[stories.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -stories.get(i).score())
                .thenComparing(i -> stories.get(i).firstSeen()).thenComparing(i -> stories.get(i).findings().get(0).key()));
        int[] storyOf = new int[n];
        Map<Integer, Integer> rank = new HashMap<>();
        List<Story> named = new ArrayList<>(order.length);
        for (int i = 0; i < order.length; i++) {
            named.add(stories.get(order[i]).withId(storyId(i + 1)));
            rank.put(roots.get(order[i]), i);
        }
        for (Node node : nodes) {
            storyOf[node.index] = rank.get(uf.find(node.index));
        }
        // what was kept for building (every finding's node, the entity tables) is not needed any more
        nodes.clear();
        keys = null;
        treeRoots = null;
        joins.clear();
        shared.clear();
        table = null;
        return new Result(named, storyOf);
    }

    /** {@code story-0001}: the number with at least four digits. */
    static String storyId(int number) {
        String digits = Integer.toString(number);
        return digits.length() >= 4 ? "story-" + digits : "story-" + "000".substring(digits.length() - 1) + digits;
    }

    private Map<String, Integer> keyIndex() {
        Map<String, Integer> index = new HashMap<>();
        for (Node node : nodes) {
            index.putIfAbsent(keys[node.index], node.index);
        }
        return index;
    }

    /**
     * A link made while building, by node index; its words are written only for the links kept, from the
     * anchor that made it (or given whole, for a link joined from elsewhere).
     */
    private record Pending(int from, int to, Story.Link given, Anchor anchor, String[] words) {
        Story.Link toLink(StoryBuilder b) {
            if (given != null) {
                return given;
            }
            String[] w = anchor != null ? anchor.words(b) : words;
            return new Story.Link(b.keys[from], b.keys[to], w[0], w[1], w[2]);
        }
    }

    /** What findings share: the kind of link and the entity, as compared (host-qualified where it must be). */
    private record AnchorKey(String kind, String value) {
        // written out: the generated ones go through method handles that cost the compiler more than the lookups
        @Override
        public int hashCode() {
            return 31 * java.util.Objects.hashCode(kind) + java.util.Objects.hashCode(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AnchorKey k && java.util.Objects.equals(kind, k.kind) && java.util.Objects.equals(value, k.value);
        }
    }

    /** Findings that share an entity, and how far apart in time they may be to be linked through it. */
    private static final class Anchor {
        final AnchorKey key;
        final long maxGap;
        final EventFacts sample;
        final List<Node> members = new ArrayList<>(2);
        String[] words;

        Anchor(AnchorKey key, long maxGap, EventFacts sample) {
            this.key = key;
            this.maxGap = maxGap;
            this.sample = sample;
        }

        /** The kind, the entity and the reason, as a link names them. */
        String[] words(StoryBuilder b) {
            if (words == null) {
                words = b.describe(key, sample);
            }
            return words;
        }
    }

    private void linkMembers(UnionFind uf, List<Pending> links, Map<AnchorKey, Anchor> anchors) {
        for (Anchor a : anchors.values()) {
            List<Node> m = a.members;
            if (m.size() < 2) {
                continue;
            }
            m.sort(Comparator.comparingLong(Node::time));
            for (int i = 1; i < m.size(); i++) {
                Node x = m.get(i - 1);
                Node y = m.get(i);
                if (within(x.time, y.time, a.maxGap) && uf.union(x.index, y.index)) {
                    links.add(new Pending(x.index, y.index, null, a, null));
                }
            }
        }
    }

    private static void add(Map<AnchorKey, Anchor> anchors, String kind, String value, long maxGap, Node node) {
        AnchorKey key = new AnchorKey(kind, value);
        Anchor a = anchors.get(key);
        if (a == null) {
            a = new Anchor(key, maxGap, node.facts);
            anchors.put(key, a);
        }
        a.members.add(node);
    }

    /** Puts the node under each entity it can be linked through. */
    private void anchor(Node node, Map<AnchorKey, Anchor> withinHost, Map<AnchorKey, Anchor> acrossHosts) {
        EventFacts f = node.facts;
        if (f == null) {
            return;
        }
        if (scope.withinHost()) {
            String root = rootOf(table.resolve(f.process()));
            if (root != null) {
                add(withinHost, "process-tree", root, 24 * HOUR, node);
            }
            if (f.logon() != null && !Hubs.logon(f.logon())) {
                add(withinHost, "logon-session", f.logon(), 8 * HOUR, node);
            }
            if (node.user != null) {
                add(withinHost, "user-on-host", String.join("|", f.host(), f.user()), 30 * MINUTE, node);
            }
            if (f.service() != null) {
                add(withinHost, "service", String.join("|", f.host(), f.service()), 10 * MINUTE, node);
            }
            if (f.task() != null) {
                add(withinHost, "scheduled-task", String.join("|", f.host(), f.task()), 24 * HOUR, node);
            }
            if (f.webClient() != null) {
                add(withinHost, "web-session", String.join("|", f.host(), f.webClient()), HOUR, node);
            }
            if (f.wmiConsumer() != null) {
                add(withinHost, "wmi-consumer", String.join("|", f.host(), f.wmiConsumer()), HOUR, node);
            }
        }
        if (scope.acrossHosts()) {
            if (node.user != null) {
                int spread = table.accountSpread(f.user());
                if (spread > 1 && !(spread >= 5 && spread * 2 >= table.hostCount())) {
                    add(acrossHosts, "account", f.user(), 2 * HOUR, node);
                }
            }
            if (f.hash() != null) {
                int spread = table.hashSpread(f.hash());
                if (spread > 1 && !(spread >= 5 && spread * 2 >= table.hostCount())) {
                    add(acrossHosts, "tool-hash", f.hash(), 24 * HOUR, node);
                }
            }
        }
    }

    /** The entity and reason of a link through {@code key}, written from one of its findings' facts. */
    private String[] describe(AnchorKey key, EventFacts f) {
        String host = f.host();
        return switch (key.kind()) {
            case "process-tree" -> {
                EntityTable.Proc p = table.process(key.value());
                String image = p != null && p.image != null ? p.image : "a process";
                yield new String[] {key.kind(), image + " on " + host,
                        "both ran in the process tree of " + image + " on " + host};
            }
            case "logon-session" -> {
                String id = f.logon().substring(f.logon().indexOf('|') + 1);
                yield new String[] {key.kind(), "logon session " + id + " on " + host,
                        "the same logon session " + id + " on " + host};
            }
            case "user-on-host" -> new String[] {key.kind(), f.user() + " on " + host,
                    "the same account " + f.user() + " on " + host + " within 30 minutes"};
            case "service" -> new String[] {key.kind(), "service " + f.service() + " on " + host,
                    "the service " + f.service() + " installed and started on " + host + " within 10 minutes"};
            case "scheduled-task" -> new String[] {key.kind(), "scheduled task " + f.task() + " on " + host,
                    "the scheduled task " + f.task() + " on " + host + " within 24 hours"};
            case "wmi-consumer" -> new String[] {key.kind(), "WMI script consumer on " + host,
                    "a WMI subscription bound a script consumer on " + host + " and its host program "
                            + f.wmiConsumer() + " ran there within an hour"};
            case "web-session" -> new String[] {key.kind(), "web client " + f.webClient() + " of " + host,
                    "requests from " + f.webClient() + " to the web server " + host + " within an hour"};
            case "account" -> new String[] {key.kind(), f.user(),
                    "the same account " + f.user() + " on several hosts within 2 hours"};
            case "tool-hash" -> new String[] {key.kind(), f.image() + " " + f.hash(),
                    "the same executable (" + f.image() + ", hash " + f.hash() + ") on several hosts"};
            default -> throw new IllegalStateException("unknown link kind " + key.kind());
        };
    }

    /** {@link #treeRoot}, walked once per process while building (the findings of a process share it). */
    private String rootOf(String process) {
        if (process == null) {
            return null;
        }
        String root = treeRoots.get(process);
        if (root == null) {
            root = treeRoot(process);
            treeRoots.put(process, root == null ? NO_ROOT : root);
        }
        return root == NO_ROOT ? null : root;
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

    /** A rule on a host, to count how often it fired there. */
    private record HostRule(String host, String ruleId) {
        @Override
        public int hashCode() {
            return 31 * java.util.Objects.hashCode(host) + java.util.Objects.hashCode(ruleId);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HostRule k && java.util.Objects.equals(host, k.host) && java.util.Objects.equals(ruleId, k.ruleId);
        }
    }

    /** How far in time a finding nothing else links may be from the story it is attached to. */
    static final long PROXIMITY = 10 * MINUTE;
    /** A rule that fired more often than this on a host is that host's routine: time alone links none of it. */
    static final int PROXIMITY_MAX_RULE_REPEATS = 3;

    /**
     * time-proximity: a finding that no entity links to any other on its host, of a rule that fired at most
     * {@link #PROXIMITY_MAX_RULE_REPEATS} times there, joins the story (of at least two findings) of the
     * nearest finding on the same host within {@link #PROXIMITY}. Lone findings are attached to stories,
     * never to each other, so that no chain forms however busy the host, and two stories are never merged.
     */
    private void linkByTimeProximity(UnionFind uf, List<Pending> links) {
        int[] size = new int[nodes.size()];
        Map<String, List<Node>> byHost = new HashMap<>();
        Map<HostRule, Integer> ruleOnHost = new HashMap<>();
        for (Node node : nodes) {
            size[uf.find(node.index)]++;
            if (node.time != Long.MIN_VALUE) {
                byHost.computeIfAbsent(node.host, k -> new ArrayList<>()).add(node);
                ruleOnHost.merge(new HostRule(node.host, node.rule.id()), 1, Integer::sum);
            }
        }
        List<Node[]> attach = new ArrayList<>();
        for (List<Node> host : byHost.values()) {
            host.sort(Comparator.comparingLong(Node::time));
            for (int i = 0; i < host.size(); i++) {
                Node x = host.get(i);
                if (size[uf.find(x.index)] != 1
                        || ruleOnHost.get(new HostRule(x.host, x.rule.id())) > PROXIMITY_MAX_RULE_REPEATS) {
                    continue;
                }
                Node best = null;
                for (int j = i - 1; j >= 0 && x.time - host.get(j).time <= PROXIMITY; j--) {
                    if (size[uf.find(host.get(j).index)] >= 2) {
                        best = host.get(j);
                        break;
                    }
                }
                for (int j = i + 1; j < host.size() && host.get(j).time - x.time <= PROXIMITY; j++) {
                    if (size[uf.find(host.get(j).index)] >= 2) {
                        if (best == null || host.get(j).time - x.time < x.time - best.time) {
                            best = host.get(j);
                        }
                        break;
                    }
                }
                if (best != null) {
                    attach.add(new Node[] {best, x});
                }
            }
        }
        for (Node[] pair : attach) {
            long seconds = Math.abs(pair[1].time - pair[0].time) / 1000;
            link(uf, links, pair[0], pair[1], "time-proximity", "host " + pair[1].host,
                    "no entity links it to another finding on " + pair[1].host + ", and its rule fired at most "
                    + PROXIMITY_MAX_RULE_REPEATS + " times there; the nearest story's finding on that host was "
                    + seconds + " s away");
        }
    }

    private void linkWebToProcess(UnionFind uf, List<Pending> links) {
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

    private void linkRemoteAccess(UnionFind uf, List<Pending> links) {
        Map<String, List<Node>> byHost = new HashMap<>();
        for (Node node : nodes) {
            byHost.computeIfAbsent(node.host, k -> new ArrayList<>()).add(node);
        }
        byHost.values().forEach(l -> l.sort(Comparator.comparingLong(Node::time)));
        // each host's findings by (non-system) account too, so that an access made as an account meets its findings
        Map<String, List<Node>> byHostUser = new HashMap<>();
        for (List<Node> onHost : byHost.values()) {
            for (Node node : onHost) {
                if (node.user != null) {
                    byHostUser.computeIfAbsent(String.join("|", node.host, node.user), k -> new ArrayList<>()).add(node);
                }
            }
        }
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
            String user = Hubs.account(r.user()) ? null : r.user();
            Node before = beside(user == null ? null : byHostUser.get(String.join("|", e[0], user)), byHost.get(e[0]),
                    r.time(), false);
            Node after = beside(user == null ? null : byHostUser.get(String.join("|", e[1], user)), byHost.get(e[1]),
                    r.time(), true);
            if (before != null && after != null && done.add(before.index + ">" + after.index)) {
                String who = r.user() == null ? "" : " as " + r.user();
                link(uf, links, before, after, "remote-access", e[0] + " → " + e[1],
                        e[0] + " reached " + e[1] + who
                                + " (logon, share, service, remote command or administration port)");
            }
        }
    }

    /**
     * The finding a remote access at {@code t} links on one of its two hosts: the last up to t on the source
     * ({@code after} false), the first from t on the target ({@code after} true), within 2 hours. The access's
     * account's own findings there come first ({@code ofUser}, null when the account is unknown or a system one),
     * then any; for each, when there is none, one within the 5 minutes the two hosts' clocks may disagree by.
     */
    private static Node beside(List<Node> ofUser, List<Node> any, long t, boolean after) {
        for (List<Node> l : ofUser == null ? List.of(any == null ? List.<Node>of() : any)
                : List.of(ofUser, any == null ? List.<Node>of() : any)) {
            Node n = after ? first(l, t, t + 2 * HOUR) : last(l, t - 2 * HOUR, t);
            if (n == null) {
                n = after ? first(l, t - 5 * MINUTE, t + 2 * HOUR) : last(l, t - 2 * HOUR, t + 5 * MINUTE);
            }
            if (n != null) {
                return n;
            }
        }
        return null;
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

    private static void link(UnionFind uf, List<Pending> links, Node a, Node b, String kind, String entity, String reason) {
        if (uf.union(a.index, b.index)) {
            links.add(new Pending(a.index, b.index, null, null, new String[] {kind, entity, reason}));
        }
    }

    private Story story(List<Node> members, List<Story.Link> links, StoryScore scorer) {
        members.sort(Comparator.comparingLong(Node::time).thenComparingInt(Node::index));
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        Set<String> tactics = new HashSet<>();
        Set<String> techniques = new TreeSet<>();
        Set<String> software = new TreeSet<>();
        Set<String> indicators = new HashSet<>();
        // most findings of a story share their rule: its tactics, techniques and software are taken once
        Set<RuleInfo> rules = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Story.FindingRef> refs = new ArrayList<>(members.size());
        List<StoryScore.Member> scored = new ArrayList<>(members.size());
        for (Node m : members) {
            indicators.addAll(m.indicators);
            hosts.add(m.host);
            if (m.user != null) {
                users.add(m.user);
            }
            if (rules.add(m.rule)) {
                tactics.addAll(m.rule.tactics());
                techniques.addAll(m.rule.techniques());
                software.addAll(m.rule.software());
            }
            refs.add(new Story.FindingRef(keys[m.index], m.iso, m.host, m.rule.id(), m.rule.title(), m.level.label(), m.source,
                    m.recordId));
            scored.add(new StoryScore.Member(m.rule, m.level, m.host, m.assetRole));
        }
        List<String> sortedIndicators = new ArrayList<>(indicators);
        java.util.Collections.sort(sortedIndicators);
        return new Story("", scorer.score(scored), new ArrayList<>(hosts), new ArrayList<>(users),
                members.get(0).iso, members.get(members.size() - 1).iso, Tactics.inOrder(tactics),
                new ArrayList<>(techniques), new ArrayList<>(software), sortedIndicators, refs, links);
    }
}
