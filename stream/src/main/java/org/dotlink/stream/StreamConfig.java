package org.dotlink.stream;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The settings of a {@link DetectionJob}: where Kafka is and which topics to use, the rules, parallelism,
 * checkpointing and the event-time settings. Made by the command line ({@code dotlink stream}) or from
 * the job jar's arguments ({@link #fromArgs}); fluent setters, checked by {@link #check()}.
 */
public final class StreamConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    private String bootstrapServers;
    private String eventsTopic = "dotlink-events";
    private String findingsTopic = "dotlink-findings";
    private String storiesTopic = "dotlink-stories";
    private String rulesTopic;
    private String groupId = "dotlink-stream";
    private String transactionalIdPrefix;
    private int parallelism = 1;
    private long checkpointIntervalMs = 10_000;
    private String checkpointDir;
    private Duration lateness = Duration.ofMinutes(1);
    private Duration idleness = Duration.ofMinutes(1);
    private Duration storyWindow = Duration.ofHours(1);
    private boolean untilEnd;
    private RuleBundle rules = RuleBundle.read(List.of(), true);

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public StreamConfig bootstrapServers(String v) {
        bootstrapServers = v;
        return this;
    }

    public String eventsTopic() {
        return eventsTopic;
    }

    public StreamConfig eventsTopic(String v) {
        eventsTopic = v;
        return this;
    }

    public String findingsTopic() {
        return findingsTopic;
    }

    public StreamConfig findingsTopic(String v) {
        findingsTopic = v;
        return this;
    }

    public String storiesTopic() {
        return storiesTopic;
    }

    public StreamConfig storiesTopic(String v) {
        storiesTopic = v;
        return this;
    }

    /** The topic rule sets arrive on, or null for none (the rules stay those the job started with). */
    public String rulesTopic() {
        return rulesTopic;
    }

    public StreamConfig rulesTopic(String v) {
        rulesTopic = v;
        return this;
    }

    /** The consumer group the sources commit their offsets under (at checkpoints, for monitoring and restarts). */
    public String groupId() {
        return groupId;
    }

    public StreamConfig groupId(String v) {
        groupId = v;
        return this;
    }

    /**
     * What the sinks' Kafka transactional ids start with; by default {@code dotlink-} and the findings
     * topic. Two jobs writing at once must differ here, or they fence each other's transactions.
     */
    public String transactionalIdPrefix() {
        return transactionalIdPrefix != null ? transactionalIdPrefix : "dotlink-" + findingsTopic;
    }

    public StreamConfig transactionalIdPrefix(String v) {
        transactionalIdPrefix = v;
        return this;
    }

    public int parallelism() {
        return parallelism;
    }

    public StreamConfig parallelism(int v) {
        parallelism = v;
        return this;
    }

    /** How often state is checkpointed and the sinks' transactions committed: the output's latency. */
    public long checkpointIntervalMs() {
        return checkpointIntervalMs;
    }

    public StreamConfig checkpointIntervalMs(long v) {
        checkpointIntervalMs = v;
        return this;
    }

    /** Where checkpoints are written ({@code file:///...}, {@code s3://...}), or null for the cluster's setting. */
    public String checkpointDir() {
        return checkpointDir;
    }

    public StreamConfig checkpointDir(String v) {
        checkpointDir = v;
        return this;
    }

    /** How far out of time order events may arrive on a partition: the watermark trails the newest time by this. */
    public Duration lateness() {
        return lateness;
    }

    public StreamConfig lateness(Duration v) {
        lateness = v;
        return this;
    }

    /** After how long without messages a partition no longer holds the watermark back. */
    public Duration idleness() {
        return idleness;
    }

    public StreamConfig idleness(Duration v) {
        idleness = v;
        return this;
    }

    /** The event-time windows stories are built over (tumbling, aligned to the epoch). */
    public Duration storyWindow() {
        return storyWindow;
    }

    public StreamConfig storyWindow(Duration v) {
        storyWindow = v;
        return this;
    }

    /** Read the topics up to the offsets they have when the job starts, then finish (a replay); else run on. */
    public boolean untilEnd() {
        return untilEnd;
    }

    public StreamConfig untilEnd(boolean v) {
        untilEnd = v;
        return this;
    }

    /** The rules the job starts with. */
    public RuleBundle rules() {
        return rules;
    }

    public StreamConfig rules(RuleBundle v) {
        rules = Objects.requireNonNull(v);
        return this;
    }

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException saying which setting is wrong and what is expected
     */
    public StreamConfig check() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers is required: host:port[,host:port...]");
        }
        for (String server : bootstrapServers.split(",")) {
            String s = server.strip();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1 || !s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("--bootstrap-servers: '" + s + "' is not host:port");
            }
        }
        for (String[] t : new String[][] {{"--events-topic", eventsTopic}, {"--findings-topic", findingsTopic},
                {"--stories-topic", storiesTopic}, {"--group-id", groupId}}) {
            if (t[1] == null || t[1].isBlank()) {
                throw new IllegalArgumentException(t[0] + " must not be empty");
            }
        }
        if (rulesTopic != null && rulesTopic.isBlank()) {
            throw new IllegalArgumentException("--rules-topic must not be empty");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
        }
        if (checkpointIntervalMs < 10) {
            throw new IllegalArgumentException("--checkpoint-interval must be at least 10 ms, got " + checkpointIntervalMs);
        }
        if (lateness.isNegative()) {
            throw new IllegalArgumentException("--lateness must not be negative");
        }
        if (idleness.isNegative() || idleness.isZero()) {
            throw new IllegalArgumentException("--idleness must be positive");
        }
        if (storyWindow.toMillis() < 1000) {
            throw new IllegalArgumentException("--story-window must be at least 1s");
        }
        return this;
    }

    /**
     * Reads the job jar's arguments: the options of {@code dotlink stream} ({@code --bootstrap-servers},
     * {@code --events-topic}, ... see README "Running on Flink"). Rule folders are read here, on the client.
     *
     * @throws IllegalArgumentException for an unknown option, a missing value or a bad setting
     */
    public static StreamConfig fromArgs(String[] args) {
        StreamConfig c = new StreamConfig();
        List<Path> rulePaths = new ArrayList<>();
        boolean builtin = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--no-builtin-rules" -> builtin = false;
                case "--until-end" -> c.untilEnd = true;
                default -> {
                    if (!a.startsWith("--") || i + 1 >= args.length) {
                        throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value"
                                : "unexpected argument '" + a + "'");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--bootstrap-servers" -> c.bootstrapServers = v;
                        case "--events-topic" -> c.eventsTopic = v;
                        case "--findings-topic" -> c.findingsTopic = v;
                        case "--stories-topic" -> c.storiesTopic = v;
                        case "--rules-topic" -> c.rulesTopic = v;
                        case "--group-id" -> c.groupId = v;
                        case "--transactional-id-prefix" -> c.transactionalIdPrefix = v;
                        case "--rules" -> rulePaths.add(Path.of(v));
                        case "--parallelism" -> c.parallelism = integer(a, v);
                        case "--checkpoint-interval" -> c.checkpointIntervalMs = integer(a, v);
                        case "--checkpoint-dir" -> c.checkpointDir = v;
                        case "--lateness" -> c.lateness = duration(a, v);
                        case "--idleness" -> c.idleness = duration(a, v);
                        case "--story-window" -> c.storyWindow = duration(a, v);
                        default -> throw new IllegalArgumentException("unknown option " + a);
                    }
                }
            }
        }
        c.rules = RuleBundle.read(rulePaths, builtin);
        return c.check();
    }

    private static int integer(String option, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + v + "' is not a whole number");
        }
    }

    /**
     * A duration as {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 500ms}, or ISO-8601 ({@code PT5M}).
     *
     * @throws IllegalArgumentException naming the option and the value
     */
    public static Duration duration(String option, String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            String unit = s.replaceAll("^[0-9]+", "");
            long n = Long.parseLong(s.substring(0, s.length() - unit.length()));
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException(option + ": '" + v
                        + "' is not a duration (a number with ms, s, m, h or d, such as 90s or 5m)");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + v
                    + "' is not a duration (a number with ms, s, m, h or d, such as 90s or 5m)");
        }
    }
}
