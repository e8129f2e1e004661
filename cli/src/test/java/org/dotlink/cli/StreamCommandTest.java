package org.dotlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dotlink stream}: bad usage is refused with exit status 2 and a reason; and over an in-process
 * Kafka broker, the command runs the job here and writes exactly the findings {@code dotlink hunt} writes
 * for the same events and rules (the lines of findings.jsonl, story ids aside), with the same rules also
 * arriving as a rule set on the rules topic while it runs.
 */
class StreamCommandTest {

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.command("stream", args);
    }

    private static void assertUsage(CliRun r, String expected) {
        assertEquals(Dotlink.EXIT_USAGE, r.exit(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void badUsageIsRefusedWithAReason() {
        assertUsage(run(), "Missing required option: '--bootstrap-servers=HOSTS'");
        assertUsage(run("--bootstrap-servers", "kafka"), "'kafka' is not host:port");
        assertUsage(run("--bootstrap-servers", "k:9092", "--parallelism", "0"), "--parallelism must be at least 1");
        assertUsage(run("--bootstrap-servers", "k:9092", "--lateness", "soon"), "--lateness: 'soon' is not a duration");
        assertUsage(run("--bootstrap-servers", "k:9092", "--rules", tmp.resolve("none").toString()),
                "none: no such rule file or folder");
        assertUsage(run("--bootstrap-servers", "k:9092", "--no-builtin-rules"), "no rules to run");
    }

    @Test
    @Timeout(60)
    void anUnreachableBrokerIsSaidSo() {
        assertUsage(run("--bootstrap-servers", "127.0.0.1:1"), "cannot reach Kafka at 127.0.0.1:1");
    }

    @Test
    @Timeout(240)
    void theJobWritesWhatHuntWrites() throws Exception {
        Path data = SharedData.dir();
        Path zip = data.resolve("mordor/windows/lateral_movement/host/covenant_copy_smb_CreateRequest.zip");
        Path rules = data.resolve("sigma/rules/windows/builtin/security");
        try (KafkaClusterTestKit kafka = broker()) {
            String servers = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
                admin.createTopics(List.of(new NewTopic("events", 2, (short) 1), new NewTopic("findings", 1, (short) 1),
                        new NewTopic("stories", 1, (short) 1), new NewTopic("rules", 1, (short) 1))).all().get();
            }
            // the same rules again, as one rule set on the rules topic: whenever it arrives, nothing changes
            StringBuilder ruleSet = new StringBuilder();
            try (var files = Files.walk(rules)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                    ruleSet.append(Files.readString(f)).append("\n---\n");
                }
            }
            produce(servers, "rules", "security", List.of(ruleSet.toString()));
            assertUsage(run("--bootstrap-servers", servers, "--events-topic", "nothing-here", "--findings-topic",
                    "findings", "--stories-topic", "stories"), "no such topic on " + servers + ": nothing-here (create");

            String source = zip + "#covenant_copy_smb_CreateRequest_2020-09-22145302.json";
            int events = produce(servers, "events", source, memberLines(zip));
            CliRun stream = run("--bootstrap-servers", servers, "--events-topic", "events", "--findings-topic", "findings",
                    "--stories-topic", "stories", "--rules", rules.toString(), "--rules-topic", "rules", "--parallelism", "2",
                    "--checkpoint-interval", "300", "--story-window", "1d", "--until-end");
            assertEquals(Dotlink.EXIT_OK, stream.exit(), stream.err());
            assertTrue(stream.err().contains("dotlink stream: done"), stream.err());
            List<String> findings = read(servers, "findings");

            Path out = tmp.resolve("hunt");
            CommandLine hunt = Dotlink.commandLine();
            hunt.setErr(new PrintWriter(new StringWriter()));
            hunt.setOut(new PrintWriter(new StringWriter()));
            assertEquals(0, hunt.execute("hunt", zip.toString(), "--rules", rules.toString(), "--out", out.toString(),
                    "--quiet"));
            List<String> expected = new ArrayList<>();
            for (String line : Files.readAllLines(out.resolve("findings.jsonl"), StandardCharsets.UTF_8)) {
                expected.add(line.replaceFirst(",\"story\":\"story-[0-9]+\",", ",\"story\":null,"));
            }
            assertEquals(counts(expected), counts(findings));
            assertTrue(findings.size() >= 3, findings.toString());
            assertTrue(!read(servers, "stories").isEmpty(), "stories were written");
            System.out.printf("dotlink stream: %d events in, %d findings out, equal to dotlink hunt's%n", events,
                    findings.size());
        }
    }

    private static KafkaClusterTestKit broker() throws Exception {
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return kafka;
    }

    private static List<String> memberLines(Path zip) throws Exception {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry e = z.stream().filter(x -> x.getName().endsWith(".json")).findFirst().orElseThrow();
            return List.of(new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    private static int produce(String servers, String topic, String key, List<String> lines) {
        Properties p = new Properties();
        p.put("bootstrap.servers", servers);
        p.put("acks", "all");
        int n = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String line : lines) {
                if (!line.isBlank()) {
                    producer.send(new ProducerRecord<>(topic, key, line));
                    n++;
                }
            }
        }
        return n;
    }

    private static List<String> read(String servers, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", servers);
        p.put("isolation.level", "read_committed");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }

    private static Map<String, Integer> counts(List<String> lines) {
        Map<String, Integer> out = new TreeMap<>();
        lines.forEach(l -> out.merge(l, 1, Integer::sum));
        return out;
    }
}
