package org.dotlink.stream;

import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dotlink.stream.operator.CorrelateFunction;
import org.dotlink.stream.operator.CrossHostStoriesFunction;
import org.dotlink.stream.operator.DetectFunction;
import org.dotlink.stream.operator.EventDeserializer;
import org.dotlink.stream.operator.EventTimes;
import org.dotlink.stream.operator.FindingSerializer;
import org.dotlink.stream.operator.HostStoriesFunction;
import org.dotlink.stream.operator.StorySerializer;
import org.dotlink.stream.record.EventRecord;
import org.dotlink.stream.record.FindingRecord;
import org.dotlink.stream.record.StoryItem;

/**
 * Dotlink's detection and story building as a Flink job over Kafka: the same rules, correlation engine
 * and story builder as {@code dotlink hunt}, driven by Kafka sources, keyed state and event-time timers.
 *
 * <pre>
 *  events topic ─▶ parse (JSON, any shape) ─▶ detect (rule index) ──────────────────────┬─▶ findings topic
 *                                      ▲        │ correlation inputs                     │
 *  rules topic ──── broadcast ─────────┴────────┼─▶ correlate (keyed by partition) ─────┤
 *                                               │ facts                                 │ findings
 *                                               └─▶ stories within a host (keyed by host, window) ◀┘
 *                                                     └─▶ stories across hosts (one subtask, window) ─▶ stories topic
 * </pre>
 *
 * Output is exactly-once: both sinks write in Kafka transactions committed when a checkpoint completes,
 * so consumers reading {@code read_committed} see each finding and story once, also after a failure and
 * a restart from the last checkpoint (and see them only after that checkpoint). See docs/ARCHITECTURE.md.
 *
 * <p>Run it on a cluster with {@code flink run -c org.dotlink.stream.DetectionJob
 * stream/target/dotlink-stream-*-job.jar --bootstrap-servers ...} (README, "Running on Flink"), or locally
 * with {@code dotlink stream}.
 */
public final class DetectionJob {

    /** Producer transaction timeout: under the brokers' default {@code transaction.max.timeout.ms} (15 min). */
    static final String TRANSACTION_TIMEOUT_MS = String.valueOf(10 * 60 * 1000);

    private DetectionJob() {}

    /** The job jar's entry point: options as {@link StreamConfig#fromArgs}; exit status 2 for bad arguments. */
    public static void main(String[] args) throws Exception {
        StreamConfig config;
        try {
            config = StreamConfig.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("dotlink stream job: " + e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, config);
        env.execute(name(config));
    }

    /** The job's name, as Flink shows it. */
    public static String name(StreamConfig config) {
        return "dotlink stream " + config.eventsTopic() + " -> " + config.findingsTopic() + ", " + config.storiesTopic();
    }

    /** Configures {@code env} (parallelism, checkpointing, no generic types) and adds the job to it. */
    public static void build(StreamExecutionEnvironment env, StreamConfig config) {
        build(env, config, UnaryOperator.identity());
    }

    /**
     * As {@link #build(StreamExecutionEnvironment, StreamConfig)}, with {@code afterParse} applied to the
     * parsed events before detection (a place to add an operator there, such as a fault in a test).
     */
    public static void build(StreamExecutionEnvironment env, StreamConfig config,
                             UnaryOperator<DataStream<EventRecord>> afterParse) {
        config.check();
        Configuration settings = new Configuration();
        settings.set(PipelineOptions.GENERIC_TYPES, false); // every record type is a POJO: never Kryo
        if (config.checkpointDir() != null) {
            settings.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
        }
        env.configure(settings);
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);

        DataStream<EventRecord> events = afterParse.apply(env.fromSource(eventSource(config),
                EventTimes.events(config.lateness(), config.idleness()), "events: " + config.eventsTopic())
                .uid("events-source"));
        BroadcastStream<String> rules = rules(env, config).broadcast(DetectFunction.RULES);

        SingleOutputStreamOperator<FindingRecord> detected = events.connect(rules)
                .process(new DetectFunction(config.rules())).name("detect").uid("detect");
        SingleOutputStreamOperator<FindingRecord> correlated = detected.getSideOutput(DetectFunction.CORRELATION)
                .keyBy(c -> c.partition, Types.STRING).connect(rules)
                .process(new CorrelateFunction(config.rules())).name("correlate").uid("correlate");
        DataStream<FindingRecord> findings = detected.union(correlated);
        findings.sinkTo(sink(config, config.findingsTopic(), new FindingSerializer(config.findingsTopic()), "findings"))
                .name("findings: " + config.findingsTopic()).uid("findings-sink");

        DataStream<StoryItem> storyItems = findings.filter(f -> f.time != Long.MIN_VALUE).name("timed findings")
                .map(StoryItem::finding, Types.POJO(StoryItem.class)).name("findings for stories")
                .union(detected.getSideOutput(DetectFunction.FACTS));
        storyItems.keyBy(i -> i.host, Types.STRING)
                .window(TumblingEventTimeWindows.of(config.storyWindow()))
                .process(new HostStoriesFunction()).name("stories within hosts").uid("stories-within-hosts")
                .keyBy(h -> "all", Types.STRING)
                .window(TumblingEventTimeWindows.of(config.storyWindow()))
                .process(new CrossHostStoriesFunction()).setParallelism(1).name("stories across hosts")
                .uid("stories-across-hosts")
                .sinkTo(sink(config, config.storiesTopic(), new StorySerializer(config.storiesTopic()), "stories"))
                .setParallelism(1).name("stories: " + config.storiesTopic()).uid("stories-sink");
    }

    private static KafkaSource<EventRecord> eventSource(StreamConfig config) {
        return source(config, config.eventsTopic(), new EventDeserializer());
    }

    /** Rule sets from the rules topic, or an empty stream when there is none. */
    private static DataStream<String> rules(StreamExecutionEnvironment env, StreamConfig config) {
        if (config.rulesTopic() == null) {
            // Flink has no empty source: one number, dropped at once
            return env.fromSequence(0, 0).setParallelism(1).filter(n -> false).setParallelism(1)
                    .map(n -> "", Types.STRING).setParallelism(1).name("no rules topic");
        }
        KafkaSource<String> source = source(config, config.rulesTopic(),
                KafkaRecordDeserializationSchema.valueOnly(StringDeserializer.class));
        return env.fromSource(source, EventTimes.rules(), "rules: " + config.rulesTopic()).setParallelism(1)
                .uid("rules-source");
    }

    private static <T> KafkaSource<T> source(StreamConfig config, String topic,
                                             KafkaRecordDeserializationSchema<T> deserializer) {
        KafkaSourceBuilder<T> b = KafkaSource.<T>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(topic)
                .setGroupId(config.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(deserializer)
                // the sinks write in transactions: never read what is not committed
                .setProperty("isolation.level", "read_committed");
        if (config.untilEnd()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    private static <T> KafkaSink<T> sink(StreamConfig config, String topic,
                                         KafkaRecordSerializationSchema<T> s,
                                         String what) {
        Properties producer = new Properties();
        producer.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(s)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix() + "-" + what)
                .setKafkaProducerConfig(producer)
                .build();
    }
}
