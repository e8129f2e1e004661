package org.dotlink.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.dotlink.stream.DetectionJob;
import org.dotlink.stream.LoadedRules;
import org.dotlink.stream.RuleBundle;
import org.dotlink.stream.StreamConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dotlink stream}: the detection and story building of {@code hunt} as a Flink job over Kafka, run here. */
@Command(name = "stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run detection and story building over Kafka topics, as a Flink job in this process.%n%n"
                + "Reads JSON events (one per message, any shape 'dotlink events' reads; the message key names the"
                + " source) from --events-topic, runs the same rules as 'dotlink hunt' (correlations in event time),"
                + " writes each finding to --findings-topic as a findings.jsonl line keyed by the finding's key, and"
                + " the stories of each --story-window to --stories-topic as stories.json entries keyed by story id."
                + " Output is exactly-once (Kafka transactions, committed at each checkpoint): read it with"
                + " isolation.level=read_committed. Rule sets sent to --rules-topic (YAML, documents separated by"
                + " ---) replace the --rules files while the job runs. Runs until stopped (Ctrl-C), or with"
                + " --until-end until the topics' current end. To run on a Flink cluster, submit the job jar instead"
                + " (README, \"Running on Flink\").")
final class StreamCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOSTS",
            description = "Kafka brokers, host:port[,host:port...].")
    String bootstrapServers;

    @Option(names = "--events-topic", paramLabel = "TOPIC", description = "Events to read (default: ${DEFAULT-VALUE}).")
    String eventsTopic = "dotlink-events";

    @Option(names = "--findings-topic", paramLabel = "TOPIC",
            description = "Where findings go (default: ${DEFAULT-VALUE}).")
    String findingsTopic = "dotlink-findings";

    @Option(names = "--stories-topic", paramLabel = "TOPIC", description = "Where stories go (default: ${DEFAULT-VALUE}).")
    String storiesTopic = "dotlink-stories";

    @Option(names = "--rules-topic", paramLabel = "TOPIC",
            description = "Rule sets that replace the --rules files while the job runs (default: none).")
    String rulesTopic;

    @Option(names = "--rules", paramLabel = "DIR|FILE",
            description = "Sigma rules (.yml files or folders; repeatable), run with the built-in rules.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Do not load Dotlink's own rules.")
    boolean noBuiltinRules;

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallel instances of each stage (default:"
            + " ${DEFAULT-VALUE}).")
    int parallelism = 1;

    @Option(names = "--checkpoint-interval", paramLabel = "MS", description = "Checkpoint (and commit output) every MS"
            + " milliseconds (default: ${DEFAULT-VALUE}).")
    long checkpointInterval = 10_000;

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "Where checkpoints are kept (file:///..., s3://...); default: in memory, for this run only.")
    String checkpointDir;

    @Option(names = "--lateness", paramLabel = "DURATION", description = "How far out of time order events may arrive"
            + " on a partition, e.g. 90s, 5m (default: ${DEFAULT-VALUE}); later ones miss correlations and stories.")
    String lateness = "1m";

    @Option(names = "--idleness", paramLabel = "DURATION", description = "A partition without messages this long stops"
            + " holding event time back (default: ${DEFAULT-VALUE}).")
    String idleness = "1m";

    @Option(names = "--story-window", paramLabel = "DURATION", description = "Stories are built per event-time window of"
            + " this length (default: ${DEFAULT-VALUE}).")
    String storyWindow = "1h";

    @Option(names = "--group-id", paramLabel = "ID", description = "Kafka consumer group (default: ${DEFAULT-VALUE}).")
    String groupId = "dotlink-stream";

    @Option(names = "--until-end", description = "Read the topics up to their end as it is now, then stop (a replay).")
    boolean untilEnd;

    @Override
    public Integer call() {
        quietLogging();
        PrintWriter err = spec.commandLine().getErr();
        StreamConfig config;
        LoadedRules loaded;
        try {
            config = new StreamConfig().bootstrapServers(bootstrapServers).eventsTopic(eventsTopic)
                    .findingsTopic(findingsTopic).storiesTopic(storiesTopic).rulesTopic(rulesTopic).groupId(groupId)
                    .parallelism(parallelism).checkpointIntervalMs(checkpointInterval).checkpointDir(checkpointDir)
                    .lateness(StreamConfig.duration("--lateness", lateness))
                    .idleness(StreamConfig.duration("--idleness", idleness))
                    .storyWindow(StreamConfig.duration("--story-window", storyWindow)).untilEnd(untilEnd)
                    .rules(RuleBundle.read(rules, !noBuiltinRules)).check();
            loaded = LoadedRules.of(config.rules());
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        loaded.ruleSet().failures().forEach(f -> err.println("rule not loaded: " + f));
        if (loaded.ruleSet().rules().isEmpty() && config.rulesTopic() == null) {
            return usage(err, "no rules to run; give --rules DIR|FILE, --rules-topic, or leave out --no-builtin-rules");
        }
        String missing = missingTopics(config);
        if (missing != null) {
            return usage(err, missing);
        }
        err.printf(Locale.ROOT, "dotlink stream: %s; reading %s on %s, findings to %s, stories to %s (%s windows);"
                        + " parallelism %d, checkpoints every %d ms%s%n", loaded.summary(), config.eventsTopic(),
                config.bootstrapServers(), config.findingsTopic(), config.storiesTopic(), storyWindow,
                config.parallelism(), config.checkpointIntervalMs(),
                config.untilEnd() ? "; until the topics' current end" : "; Ctrl-C stops");
        err.flush();
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(),
                    new Configuration());
            DetectionJob.build(env, config);
            env.execute(DetectionJob.name(config));
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            err.println("dotlink stream: the job failed: " + root);
            err.flush();
            return Dotlink.EXIT_INPUT_PROBLEMS;
        }
        err.println("dotlink stream: done");
        err.flush();
        return Dotlink.EXIT_OK;
    }

    /**
     * Flink and Kafka log much at INFO: warnings only, and the job's own messages (rules replaced, records
     * that could not be read). Set {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=info} to see it all.
     */
    private static void quietLogging() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            System.setProperty("org.slf4j.simpleLogger.log.org.dotlink", "info");
            // an unreachable broker is reported once, below, not by every retry
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
        }
    }

    private static int usage(PrintWriter err, String message) {
        err.println("dotlink stream: " + message);
        err.flush();
        return Dotlink.EXIT_USAGE;
    }

    /** Null when Kafka answers and every topic exists; else what is wrong, and what to do. */
    private static String missingTopics(StreamConfig config) {
        Set<String> wanted = new TreeSet<>(List.of(config.eventsTopic(), config.findingsTopic(), config.storiesTopic()));
        if (config.rulesTopic() != null) {
            wanted.add(config.rulesTopic());
        }
        Map<String, Object> settings = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 6_000);
        try (Admin admin = Admin.create(settings)) {
            Set<String> present = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            wanted.removeAll(present);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return "cannot reach Kafka at " + config.bootstrapServers() + ": " + cause.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking Kafka for its topics";
        } catch (RuntimeException e) {
            return "cannot reach Kafka at " + config.bootstrapServers() + ": " + e.getMessage();
        }
        if (wanted.isEmpty()) {
            return null;
        }
        return "no such topic on " + config.bootstrapServers() + ": " + String.join(", ", wanted)
                + " (create them first, e.g. kafka-topics.sh --create --topic NAME --partitions N)";
    }
}
