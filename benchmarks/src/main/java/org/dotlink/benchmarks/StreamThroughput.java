package org.dotlink.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dotlink.core.AssetRoles;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.core.IsoTime;
import org.dotlink.ingest.archive.ArchiveReader;
import org.dotlink.ingest.archive.Member;
import org.dotlink.ingest.json.JsonEventReader;
import org.dotlink.sigma.correlation.CorrelationEngine;
import org.dotlink.sigma.correlation.InMemoryCorrelationState;
import org.dotlink.sigma.hunt.Detector;
import org.dotlink.sigma.hunt.RuleSet;
import org.dotlink.sigma.index.RuleIndex;
import org.dotlink.story.EventFacts;
import org.dotlink.story.FactExtractor;
import org.dotlink.story.StoryBuilder;
import org.dotlink.stream.DetectionJob;
import org.dotlink.stream.LoadedRules;
import org.dotlink.stream.RuleBundle;
import org.dotlink.stream.StreamConfig;
import org.dotlink.stream.TestKafka;
import org.dotlink.stream.codec.FactsCodec;
import org.dotlink.stream.codec.FindingCodec;
import org.dotlink.stream.record.EventRecord;

/**
 * Throughput of the stream job ({@link DetectionJob}) in one slot, beside the laptop pipeline on the same
 * events and rules, in the same JVM and rounds. A measurement harness, not a test: nothing is asserted;
 * where the two paths' numbers of findings differ, it says so, rule by rule.
 *
 * <p>Input: every event of every archive under {@code mordor/windows} of the shared data (each line of
 * each member, as {@code dotlink events} reads them), held in memory as the original JSON lines and
 * put in time order (stable; events without a time first), as an operator's events topic would carry
 * them. For volume ({@code --copies N}, default 2), copy k repeats every line with each date in it
 * ({@code yyyy-mm-dd}) moved 28·k years earlier (28 years keep weekdays and leap days: the event times
 * move by exactly 10,227·k days, checked on every line) and its source named {@code copyk/...}: other
 * events of the same hosts, in time order with the rest, rather than late repeats that event time would
 * drop. Rules: SigmaHQ's {@code rules/windows} plus the built-in pack, read as {@code dotlink stream
 * --rules DIR} reads them ({@link RuleBundle}); compiled once before the rounds, so neither side's time
 * includes compiling.
 *
 * <p>The broker is a one-node Kafka cluster in this JVM (the tests' {@link TestKafka}); the events topic
 * (one partition) is loaded once. Each round then runs, one after the other:
 * <ul>
 *   <li>the laptop pipeline on one thread: each line parsed ({@link JsonEventReader#parseRecord}),
 *       {@link Detector#detect} over blocks of 1,024 events, every event's facts and every finding into
 *       one {@link StoryBuilder}, correlations over the collected inputs at the end, then the stories;</li>
 *   <li>the job at parallelism 1 on a local MiniCluster (as {@code dotlink stream} runs it), checkpoints
 *       every 10 s to a folder (exactly-once sinks committing at each), story windows of 1 h
 *       ({@code --story-window}; a window longer than the input keeps every event's facts in state, which
 *       measures state per event), lateness 1 min, reading the topic from its start to its current end,
 *       with new output topics and consumer group. Timed from submission until the job has finished (every finding and story committed);
 *       a counting pass-through after the parse stage samples events taken in every 250 ms, giving
 *       the steady rate between 10% and 90% of the events. The checkpoint folder is sampled at the
 *       same time: the size of each completed checkpoint, with the events taken when it was first seen,
 *       is the job's state, measured. CPU time is the whole process's, the broker's work included.</li>
 * </ul>
 *
 * <p>Run: {@code java -Xmx8g -XX:FreqInlineSize=100 -cp benchmarks/target/benchmarks.jar
 * org.dotlink.benchmarks.StreamThroughput [--data DIR] [--rounds N] [--copies N] [--story-window D]}
 * (BENCHMARKS.md).
 */
public final class StreamThroughput {

    private static final int BLOCK = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CHECKPOINT_INTERVAL_MS = 10_000;

    /** One event as produced: its source (the message key), its line in that source, time, JSON line. */
    private record Message(String source, long line, long time, byte[] json) {}

    private record LaptopRound(double seconds, double cpuSeconds, long findings, int stories,
                               Map<String, Integer> findingsByRule) {}

    /** A completed checkpoint: its size, and how many events the job had taken when it was first seen. */
    private record Checkpoint(long bytes, long events) {}

    private record StreamRound(double seconds, double cpuSeconds, double steadyRate, long findings, int stories,
                               List<Checkpoint> checkpoints, Map<String, Integer> findingsByRule) {}

    /** Counts events leaving the parse stage; static because the MiniCluster runs in this JVM. */
    static final class CountEvents implements MapFunction<EventRecord, EventRecord> {
        private static final long serialVersionUID = 1L;
        static final AtomicLong COUNT = new AtomicLong();

        @Override
        public EventRecord map(EventRecord r) {
            COUNT.incrementAndGet();
            return r;
        }
    }

    private StreamThroughput() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("dotlink.shared.data", "../shared/data"));
        int rounds = 3;
        int copies = 2;
        Duration storyWindow = Duration.ofHours(1);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--copies" -> copies = Integer.parseInt(args[++i]);
                case "--story-window" -> storyWindow = StreamConfig.duration("--story-window", args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --data DIR, --rounds N, --copies N, --story-window DURATION)");
            }
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // Flink and Kafka log much at INFO: warnings only, as in 'dotlink stream'
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            System.setProperty("org.slf4j.simpleLogger.log.org.dotlink", "info");
        }

        RuleBundle bundle = RuleBundle.read(List.of(data.resolve("sigma/rules/windows")), true);
        long t = System.nanoTime();
        LoadedRules loaded = LoadedRules.of(bundle);
        System.out.printf(Locale.ROOT, "rules: %s, compiled in %.1f s%n", loaded.summary(), seconds(t));

        t = System.nanoTime();
        List<Message> messages = read(data.resolve("mordor/windows"));
        int perCopy = messages.size();
        for (int k = 1; k < copies; k++) {
            messages.addAll(shifted(messages.subList(0, perCopy), k));
        }
        messages.sort(Comparator.comparingLong(Message::time)); // stable: a source's events of one time stay in order
        long bytes = messages.stream().mapToLong(m -> m.json().length).sum();
        System.out.printf(Locale.ROOT, "input: %,d events (%d × %,d), %,d bytes of JSON (%.0f bytes per event),"
                + " made in %.1f s%n", messages.size(), copies, perCopy, bytes, (double) bytes / messages.size(), seconds(t));
        stateFigures(loaded, messages);

        Path checkpoints = Files.createTempDirectory("dotlink-stream-throughput");
        try (TestKafka kafka = TestKafka.start()) {
            kafka.createTopic("events", 1);
            t = System.nanoTime();
            produce(kafka.bootstrapServers(), "events", messages);
            System.out.printf(Locale.ROOT, "events topic loaded: %,d messages in %.1f s (broker in this JVM, same 2 cores)%n",
                    messages.size(), seconds(t));

            List<LaptopRound> laptop = new ArrayList<>();
            List<StreamRound> stream = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                String before = loadAverage();
                LaptopRound l = laptop(loaded.ruleSet(), messages);
                laptop.add(l);
                System.out.printf(Locale.ROOT, "round %d laptop: %.1f s (CPU %.1f s), %,.0f events/s, %,d findings (%,.0f/s),"
                                + " %,d stories; load average %s%n", r, l.seconds(), l.cpuSeconds(),
                        messages.size() / l.seconds(), l.findings(), l.findings() / l.seconds(), l.stories(), before);
                before = loadAverage();
                StreamRound s = stream(kafka, bundle, storyWindow, checkpoints.resolve("round-" + r), "r" + r,
                        messages.size());
                stream.add(s);
                System.out.printf(Locale.ROOT, "round %d stream: %.1f s (CPU %.1f s, broker included), %,.0f events/s"
                                + " (steady %,.0f), %,d findings (%,.0f/s), %,d stories; load average %s%n", r,
                        s.seconds(), s.cpuSeconds(), messages.size() / s.seconds(), s.steadyRate(), s.findings(),
                        s.findings() / s.seconds(), s.stories(), before);
                System.out.printf(Locale.ROOT, "  checkpoints (KiB at events taken): %s%n", checkpoints(s.checkpoints()));
                if (s.findings() != l.findings()) {
                    System.out.printf(Locale.ROOT, "  NOTE: findings differ: stream %,d, laptop %,d%n",
                            s.findings(), l.findings());
                    Set<String> rules = new TreeSet<>(l.findingsByRule().keySet());
                    rules.addAll(s.findingsByRule().keySet());
                    for (String rule : rules) {
                        int n = l.findingsByRule().getOrDefault(rule, 0);
                        int m = s.findingsByRule().getOrDefault(rule, 0);
                        if (m != n) {
                            System.out.printf(Locale.ROOT, "    rule %s: stream %,d, laptop %,d%n", rule, m, n);
                        }
                    }
                }
            }
            double laptopSeconds = median(laptop.stream().map(LaptopRound::seconds).toList());
            double streamSeconds = median(stream.stream().map(StreamRound::seconds).toList());
            double steady = median(stream.stream().map(StreamRound::steadyRate).toList());
            double laptopRate = messages.size() / laptopSeconds;
            double laptopCpu = median(laptop.stream().map(LaptopRound::cpuSeconds).toList());
            double streamCpu = median(stream.stream().map(StreamRound::cpuSeconds).toList());
            System.out.printf(Locale.ROOT, "median laptop (1 thread): %.1f s, %,.0f events/s, %,.0f findings/s;"
                            + " CPU %.1f s, %.1f µs per event%n", laptopSeconds, laptopRate,
                    laptop.get(0).findings() / laptopSeconds, laptopCpu, laptopCpu * 1e6 / messages.size());
            System.out.printf(Locale.ROOT, "median stream (parallelism 1): %.1f s, %,.0f events/s end to end, steady %,.0f"
                            + " events/s, %,.0f findings/s; CPU %.1f s (broker included), %.1f µs per event%n",
                    streamSeconds, messages.size() / streamSeconds, steady, stream.get(0).findings() / streamSeconds,
                    streamCpu, streamCpu * 1e6 / messages.size());
            System.out.printf(Locale.ROOT, "stream / laptop: %.2f end to end, %.2f steady; load average now %s%n",
                    laptopSeconds / streamSeconds, steady / laptopRate, loadAverage());
        } finally {
            deleteTree(checkpoints);
        }
    }

    // ---- input ----------------------------------------------------------------------------------------

    /** Every line of every archive member under {@code dir}, in archive and line order, parsed once for its time. */
    private static List<Message> read(Path dir) throws IOException {
        List<Path> archives;
        try (Stream<Path> walk = Files.walk(dir)) {
            archives = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Message> out = new ArrayList<>();
        int unreadable = 0;
        for (Path archive : archives) {
            try (ArchiveReader reader = ArchiveReader.open(archive, archive.toString())) {
                while (reader.hasNext()) {
                    Member m = reader.next();
                    BufferedReader in = new BufferedReader(new InputStreamReader(m.content(), StandardCharsets.UTF_8));
                    long line = 0;
                    for (String text; (text = in.readLine()) != null; ) {
                        line++;
                        if (text.isBlank()) {
                            continue;
                        }
                        byte[] json = text.getBytes(StandardCharsets.UTF_8);
                        try {
                            Event e = JsonEventReader.parseRecord(json, m.source(), line);
                            out.add(new Message(m.source(), line, IsoTime.toEpochMillis(e.time()), json));
                        } catch (RuntimeException ex) {
                            if (unreadable++ < 5) {
                                System.out.printf("not an event: %s line %d: %s%n", m.source(), line, ex.getMessage());
                            }
                        }
                    }
                }
                reader.problems().forEach(p -> System.out.println("problem: " + p));
            }
        }
        if (unreadable > 0) {
            System.out.printf(Locale.ROOT, "%,d lines were not events (left out)%n", unreadable);
        }
        System.out.printf(Locale.ROOT, "%d archives under %s%n", archives.size(), dir);
        return out;
    }

    private static final Pattern DATE = Pattern.compile("(?<![0-9])((?:19|20)[0-9]{2})(-[01][0-9]-[0-3][0-9])");
    private static final long COPY_SHIFT_MS = 10_227L * 24 * 3600 * 1000; // 28 years

    /** Copy {@code k} of the messages: every date 28·k years earlier, sources {@code copyk/...}; times checked. */
    private static List<Message> shifted(List<Message> messages, int k) {
        List<Message> out = new ArrayList<>(messages.size());
        int wrong = 0;
        for (Message m : messages) {
            Matcher d = DATE.matcher(new String(m.json(), StandardCharsets.UTF_8));
            String text = d.replaceAll(r -> (Integer.parseInt(r.group(1)) - 28 * k) + r.group(2));
            byte[] json = text.getBytes(StandardCharsets.UTF_8);
            String source = "copy" + k + "/" + m.source();
            long time = IsoTime.toEpochMillis(JsonEventReader.parseRecord(json, source, m.line()).time());
            if (m.time() != Long.MIN_VALUE && time != m.time() - k * COPY_SHIFT_MS) {
                wrong++;
            }
            out.add(new Message(source, m.line(), time, json));
        }
        if (wrong > 0) {
            System.out.printf(Locale.ROOT, "copy %d: %,d events whose time did not move by 28 years%n", k, wrong);
        }
        return out;
    }

    private static void produce(String bootstrap, String topic, List<Message> messages) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (Message m : messages) {
                producer.send(new ProducerRecord<>(topic, m.source(), m.json()));
            }
            producer.flush();
        }
    }

    // ---- what the state is made of ----------------------------------------------------------------------

    /**
     * Per event, what the stateful stages keep: the facts a story window holds (encoded as the job encodes
     * them), the correlation inputs waiting in correlation state, the findings. Not timed.
     */
    private static void stateFigures(LoadedRules loaded, List<Message> messages) {
        long withFacts = 0;
        long factBytes = 0;
        long inputs = 0;
        long inputBytes = 0;
        long findings = 0;
        long findingBytes = 0;
        Detector detector = loaded.detector();
        for (Message m : messages) {
            Event e = JsonEventReader.parseRecord(m.json(), m.source(), m.line());
            Detector.Result r = detector.detect(List.of(e));
            for (Finding f : r.findings()) {
                findings++;
                findingBytes += FindingCodec.encode(f).length;
            }
            for (Detection d : r.correlationInputs()) {
                inputs++;
                inputBytes += FindingCodec.encodeDetection(d).length;
            }
            EventFacts facts = FactExtractor.of(e);
            if (facts != null && m.time() != Long.MIN_VALUE) {
                withFacts++;
                factBytes += FactsCodec.encode(facts).length + m.source().length() + 40; // + host, key, time, offset
            }
        }
        int n = messages.size();
        System.out.printf(Locale.ROOT, "state per event: facts for %.1f%% of events, %.0f bytes each (%.0f per event);"
                        + " %.4f correlation inputs per event, %.0f bytes each; %.4f findings per event, %.0f bytes each%n",
                100.0 * withFacts / n, (double) factBytes / Math.max(1, withFacts), (double) factBytes / n,
                (double) inputs / n, (double) inputBytes / Math.max(1, inputs), (double) findings / n,
                (double) findingBytes / Math.max(1, findings));
    }

    // ---- the two paths ---------------------------------------------------------------------------------

    private static LaptopRound laptop(RuleSet rules, List<Message> messages) {
        Detector detector = new Detector(new RuleIndex(rules.rules()), AssetRoles.NONE,
                new CorrelationEngine(rules.correlations(), new InMemoryCorrelationState()));
        long t = System.nanoTime();
        long cpu = processCpuNanos();
        StoryBuilder stories = new StoryBuilder();
        List<Detection> inputs = new ArrayList<>();
        long findings = 0;
        Map<String, Integer> byRule = new TreeMap<>();
        List<Event> block = new ArrayList<>(BLOCK);
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            block.add(JsonEventReader.parseRecord(m.json(), m.source(), m.line()));
            if (block.size() == BLOCK || i == messages.size() - 1) {
                Detector.Result r = detector.detect(block);
                for (Event e : block) {
                    stories.observe(FactExtractor.of(e));
                }
                r.findings().forEach(stories::add);
                r.findings().forEach(f -> byRule.merge(f.rule().id(), 1, Integer::sum));
                findings += r.findings().size();
                inputs.addAll(r.correlationInputs());
                block = new ArrayList<>(BLOCK);
            }
        }
        List<Finding> correlated = detector.correlate(inputs);
        correlated.forEach(stories::add);
        correlated.forEach(f -> byRule.merge(f.rule().id(), 1, Integer::sum));
        findings += correlated.size();
        int built = stories.build().stories().size();
        return new LaptopRound(seconds(t), (processCpuNanos() - cpu) / 1e9, findings, built, byRule);
    }

    private static StreamRound stream(TestKafka kafka, RuleBundle rules, Duration storyWindow, Path checkpoints,
                                      String name, int events) throws Exception {
        String findingsTopic = name + "-findings";
        String storiesTopic = name + "-stories";
        kafka.createTopic(findingsTopic, 1);
        kafka.createTopic(storiesTopic, 1);
        StreamConfig config = new StreamConfig().bootstrapServers(kafka.bootstrapServers()).eventsTopic("events")
                .findingsTopic(findingsTopic).storiesTopic(storiesTopic).groupId("throughput-" + name)
                .transactionalIdPrefix("throughput-" + name).parallelism(1)
                .checkpointIntervalMs(CHECKPOINT_INTERVAL_MS).checkpointDir(checkpoints.toUri().toString())
                .storyWindow(storyWindow).untilEnd(true).rules(rules);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
        DetectionJob.build(env, config, parsed -> parsed.map(new CountEvents()).name("count"));

        CountEvents.COUNT.set(0);
        List<long[]> samples = new ArrayList<>(); // (nanos, events taken)
        Map<String, Checkpoint> checkpointSizes = new TreeMap<>();
        long t = System.nanoTime();
        long cpu = processCpuNanos();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (samples) {
                    samples.add(new long[] {System.nanoTime(), CountEvents.COUNT.get()});
                }
                completedCheckpoints(checkpoints, checkpointSizes);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sampler");
        sampler.setDaemon(true);
        sampler.start();
        env.execute("throughput " + name);
        double seconds = seconds(t);
        double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
        sampler.interrupt();
        sampler.join();
        if (CountEvents.COUNT.get() != events) {
            System.out.printf(Locale.ROOT, "  NOTE: the job took %,d events, %,d were produced%n",
                    CountEvents.COUNT.get(), events);
        }
        List<ConsumerRecord<String, String>> written = kafka.readCommitted(findingsTopic);
        Map<String, Integer> byRule = new TreeMap<>();
        for (ConsumerRecord<String, String> f : written) {
            byRule.merge(JSON.readTree(f.value()).get("rule_id").asText(), 1, Integer::sum);
        }
        long findings = written.size();
        int stories = kafka.readCommitted(storiesTopic).size();
        List<Checkpoint> taken = new ArrayList<>(checkpointSizes.values());
        taken.sort(Comparator.comparingLong(Checkpoint::events));
        return new StreamRound(seconds, cpuSeconds, steadyRate(samples, events), findings, stories, taken, byRule);
    }

    /** Events per second between the samples where 10% and 90% of the events had been taken. */
    private static double steadyRate(List<long[]> samples, long events) {
        long[] from = null;
        long[] to = null;
        for (long[] s : samples) {
            if (from == null && s[1] >= events / 10) {
                from = s;
            }
            if (to == null && s[1] >= events * 9 / 10) {
                to = s;
            }
        }
        if (from == null || to == null || to[0] == from[0]) {
            return Double.NaN;
        }
        return (to[1] - from[1]) / ((to[0] - from[0]) / 1e9);
    }

    /**
     * Records the size of every completed checkpoint ({@code chk-N} holding {@code _metadata}) under {@code dir}
     * when first seen, with the events taken by then.
     */
    private static void completedCheckpoints(Path dir, Map<String, Checkpoint> sizes) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            for (Path chk : walk.filter(p -> p.getFileName().toString().startsWith("chk-")).toList()) {
                String name = chk.getParent().getFileName() + "/" + chk.getFileName();
                if (!sizes.containsKey(name) && Files.exists(chk.resolve("_metadata"))) {
                    sizes.put(name, new Checkpoint(treeSize(chk), CountEvents.COUNT.get()));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a checkpoint removed while walked: the next sample sees the folder as it is then
        }
    }

    private static long treeSize(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    // ---- small helpers ----------------------------------------------------------------------------------

    private static String checkpoints(List<Checkpoint> taken) {
        if (taken.isEmpty()) {
            return "none completed";
        }
        StringBuilder sb = new StringBuilder();
        for (Checkpoint c : taken) {
            sb.append(sb.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f at %,d", c.bytes() / 1024.0,
                    c.events()));
        }
        return sb.toString();
    }

    /** CPU time of this process, every thread (the broker's and Flink's too). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(List<Double> values) {
        List<Double> v = values.stream().sorted().toList();
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
