package org.dotlink.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dotlink.core.Finding;
import org.dotlink.core.IsoTime;
import org.dotlink.core.Story;
import org.dotlink.core.json.FindingJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job end to end, at parallelism 2 on a Flink MiniCluster, over an in-process Kafka broker, against
 * the batch path ({@link BatchPath}: what {@code dotlink hunt} does) on the same events and the same rules
 * (SigmaHQ's Windows rules, the built-in pack, and three test correlations that fire in these datasets).
 *
 * <p>Three Mordor host datasets (1,582 events from three hosts) are produced as their original JSON lines,
 * keyed by source ({@code path.zip#member}), dataset after dataset in time order; the job reads them to
 * the end and finishes. The batch path reads the same events as {@code dotlink hunt} reads them from
 * their folder (datasets in name order: the order facts are taken in matters, see HostStoriesFunction).
 * What is compared, exactly:
 * <ul>
 *   <li>findings: the multiset of {@code findings.jsonl} lines the job wrote equals the multiset of lines
 *       the batch path's findings give (so rule, source, record id, time, host, fields, a correlation's
 *       events: everything; {@code story} is null in both);</li>
 *   <li>stories: each story, as the set of its findings (rule id, source, record id, time), its hosts,
 *       tactics and score, equals a batch story, and there are as many: with a story window holding all
 *       the events, against the batch path over all of them; with one-day windows (one dataset each),
 *       against the batch path over each dataset alone.</li>
 * </ul>
 * The second test injects a fault mid-stream: the job restarts from its last checkpoint, and the
 * committed output is still exactly the batch path's (nothing lost, nothing twice).
 */
class StreamJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DATASETS = List.of( // in time order
            "lateral_movement/host/mimikatz_CVE-2020-1472_Unauthenticated_NetrServerAuthenticate2.zip", // 2020-09-17, two hosts
            "lateral_movement/host/covenant_copy_smb_CreateRequest.zip", // 2020-09-22
            "credential_access/host/cmd_psexec_lsa_secrets_dump.zip"); // 2020-10-19

    private static TestKafka kafka;
    private static MordorReplay replay;
    private static RuleBundle rules;
    private static BatchPath.Result batch;
    private static long startedAt;

    @BeforeAll
    static void setUp() throws Exception {
        Path data = SharedData.dir();
        startedAt = System.nanoTime();
        List<Path> zips = new ArrayList<>();
        DATASETS.forEach(d -> zips.add(data.resolve("mordor/windows").resolve(d)));
        replay = MordorReplay.read(zips);
        rules = RuleBundle.read(List.of(data.resolve("sigma/rules/windows"),
                Path.of(StreamJobTest.class.getResource("/test-correlations.yml").toURI())), true);
        long t = System.nanoTime();
        LoadedRules loaded = LoadedRules.of(rules);
        System.out.printf("rules: %s, compiled in %.1f s%n", loaded.summary(), (System.nanoTime() - t) / 1e9);
        batch = BatchPath.run(loaded.ruleSet(), replay.allEventsInNameOrder());
        kafka = TestKafka.start();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        System.out.printf("stream tests: %.1f s in all%n", (System.nanoTime() - startedAt) / 1e9);
    }

    @Test
    @Timeout(300)
    void findingsAndStoriesAreThoseOfTheBatchPath() throws Exception {
        Topics topics = topics("equal");
        StreamConfig config = config(topics).storyWindow(Duration.ofDays(365));
        assertEquals(1, windowsOf(Duration.ofDays(365)).size(), "the story window holds every event");
        long t = System.nanoTime();
        StreamExecutionEnvironment env = environment();
        DetectionJob.build(env, config);
        env.execute("equal to the batch path");
        double seconds = (System.nanoTime() - t) / 1e9;

        List<String> findings = values(kafka.readCommitted(topics.findings));
        List<String> expected = lines(batch.findings());
        assertSameLines(expected, findings, "the findings.jsonl lines, as multisets");
        long correlations = batch.findings().stream().filter(f -> f.detection().isCorrelation()).count();
        assertTrue(correlations >= 3, "the test correlations fired: " + correlations);

        List<JsonNode> stories = stories(kafka.readCommitted(topics.stories));
        assertSameLines(shapes(batch.stories().stories()), shapesOf(stories), "stories, one window for all");
        assertTrue(stories.stream().anyMatch(s -> s.get("hosts").size() > 1), "a story across hosts");
        System.out.printf("equal to the batch path: %,d events in, %,d findings out (%d of correlations) equal to the"
                        + " batch path's, %d stories equal to the batch path's (%d across hosts); job %.1f s%n",
                replay.messages.size(), findings.size(), correlations, stories.size(),
                stories.stream().filter(s -> s.get("hosts").size() > 1).count(), seconds);
    }

    @Test
    @Timeout(300)
    void aFaultMidStreamLosesNothingAndRepeatsNothing() throws Exception {
        Topics topics = topics("recovery");
        StreamConfig config = config(topics).storyWindow(Duration.ofDays(1)).checkpointIntervalMs(200);
        assertEquals(DATASETS.size(), windowsOf(Duration.ofDays(1)).size(), "one day window per dataset");
        FailOnce.reset();
        long t = System.nanoTime();
        StreamExecutionEnvironment env = environment();
        DetectionJob.build(env, config, events -> events.map(new FailOnce(replay.messages.size() / 2)).name("fault"));
        env.execute("recovery");
        double seconds = (System.nanoTime() - t) / 1e9;
        assertTrue(FailOnce.FAILED.get(), "the fault was injected");
        assertTrue(FailOnce.RESTORED.get(), "the job was restored from a checkpoint");

        List<String> findings = values(kafka.readCommitted(topics.findings));
        assertEquals(findings.size(), new HashSet<>(findings).size(), "no finding twice");
        assertSameLines(lines(batch.findings()), findings, "every finding, once");

        List<JsonNode> stories = stories(kafka.readCommitted(topics.stories));
        List<String> expected = new ArrayList<>();
        for (MordorReplay.Dataset d : replay.datasets) {
            expected.addAll(shapes(BatchPath.run(LoadedRules.of(rules).ruleSet(), d.events()).stories().stories()));
        }
        assertSameLines(expected, shapesOf(stories), "stories, one window per dataset");
        assertTrue(stories.stream().anyMatch(s -> s.get("hosts").size() > 1), "a story across hosts");
        System.out.printf("recovery: fault after %,d of %,d events, restored from a checkpoint; %,d findings committed,"
                        + " none lost or repeated; %d stories equal to the batch path's per dataset; job %.1f s%n",
                FailOnce.SEEN_AT_FAILURE.get(), replay.messages.size(), findings.size(), stories.size(), seconds);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private record Topics(String events, String findings, String stories) {}

    /** The MiniCluster's environment; a job that fails more than twice fails the test rather than retry forever. */
    private static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        env.configure(restart);
        return env;
    }

    private static Topics topics(String name) throws Exception {
        Topics t = new Topics(name + "-events", name + "-findings", name + "-stories");
        kafka.createTopic(t.events, 2);
        kafka.createTopic(t.findings, 2);
        kafka.createTopic(t.stories, 1);
        kafka.produce(t.events, replay.messages);
        return t;
    }

    private static StreamConfig config(Topics t) {
        return new StreamConfig().bootstrapServers(kafka.bootstrapServers()).eventsTopic(t.events)
                .findingsTopic(t.findings).storiesTopic(t.stories).groupId("test-" + t.events).parallelism(2)
                .checkpointIntervalMs(500).lateness(Duration.ofMinutes(1)).untilEnd(true).rules(rules);
    }

    /** The epoch-aligned windows of {@code size} the events fall in. */
    private static Set<Long> windowsOf(Duration size) {
        Set<Long> out = new TreeSet<>();
        replay.allEventsInNameOrder().forEach(e -> {
            long t = IsoTime.toEpochMillis(e.time());
            out.add(t - Math.floorMod(t, size.toMillis()));
        });
        return out;
    }

    private static List<String> lines(List<Finding> findings) {
        String text = new String(FindingJson.lines(findings).toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        return List.of(text.split("\n"));
    }

    /** Equal as multisets; else fails listing what is missing and what is extra (shortened). */
    private static void assertSameLines(List<String> expected, List<String> actual, String what) {
        Map<String, Integer> missing = counts(expected);
        Map<String, Integer> extra = new TreeMap<>();
        for (String a : actual) {
            if (missing.merge(a, -1, Integer::sum) == 0) {
                missing.remove(a);
            }
        }
        missing.entrySet().removeIf(e -> {
            if (e.getValue() < 0) {
                extra.put(e.getKey(), -e.getValue());
                return true;
            }
            return false;
        });
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder sb = new StringBuilder(what + ": " + expected.size() + " expected, " + actual.size() + " written");
            missing.forEach((k, v) -> sb.append("\n  missing ").append(v).append("x ").append(shorten(k)));
            extra.forEach((k, v) -> sb.append("\n  extra ").append(v).append("x ").append(shorten(k)));
            throw new AssertionError(sb.toString());
        }
    }

    private static String shorten(String line) {
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static <T> Map<T, Integer> counts(List<T> values) {
        Map<T, Integer> out = new TreeMap<>();
        values.forEach(v -> out.merge(v, 1, Integer::sum));
        return out;
    }

    private static List<JsonNode> stories(List<ConsumerRecord<String, String>> records) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode s = JSON.readTree(r.value());
            assertEquals(r.key(), s.get("id").asText());
            out.add(s);
        }
        return out;
    }

    /** A story as compared: its findings (rule, source, record, time), hosts, tactics and score. */
    private static String shape(Set<String> findings, Set<String> hosts, List<String> tactics, double score) {
        return findings + " hosts=" + hosts + " tactics=" + tactics + " score=" + score;
    }

    private static List<String> shapes(List<Story> stories) {
        List<String> out = new ArrayList<>();
        for (Story s : stories) {
            Set<String> findings = new TreeSet<>();
            s.findings().forEach(f -> findings.add(f.ruleId() + "@" + f.source() + "#" + f.recordId() + "@" + f.time()));
            out.add(shape(findings, new TreeSet<>(s.hosts()), s.tactics(), s.score()));
        }
        out.sort(null);
        return out;
    }

    private static List<String> shapesOf(List<JsonNode> stories) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : stories) {
            Set<String> findings = new TreeSet<>();
            s.get("findings").forEach(f -> findings.add(f.get("rule_id").asText() + "@" + f.get("source").asText()
                    + "#" + f.get("record_id").asLong() + "@" + f.get("time").asText()));
            Set<String> hosts = new TreeSet<>();
            s.get("hosts").forEach(h -> hosts.add(h.asText()));
            List<String> tactics = new ArrayList<>();
            s.get("tactics").forEach(x -> tactics.add(x.asText()));
            out.add(shape(findings, hosts, tactics, s.get("score").asDouble()));
        }
        out.sort(null);
        return out;
    }
}
