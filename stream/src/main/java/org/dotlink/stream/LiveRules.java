package org.dotlink.stream;

import java.io.StringReader;
import java.util.Objects;
import org.dotlink.sigma.rule.RuleLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force in one operator instance: the rule set the job started with until a rule set
 * arrives on the rules topic, then the latest one received (kept in broadcast state, so that it survives
 * a restart). A received set replaces the started set's rule files; the built-in pack stays as chosen at
 * start. Not thread-safe: one per operator instance.
 */
public final class LiveRules {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRules.class);

    /** The broadcast state's only key: under it, the latest rule set received. */
    public static final String KEY = "rules";

    private final RuleBundle initial;
    private final String operator;
    private String appliedText;
    private LoadedRules current;

    public LiveRules(RuleBundle initial, String operator) {
        this.initial = Objects.requireNonNull(initial);
        this.operator = operator;
    }

    /**
     * The rules to use, given the rule set held in broadcast state (null when none was received). A new
     * text is compiled the first time it is seen (compare by identity: the state hands out the same
     * string until it changes).
     */
    public LoadedRules current(String received) {
        if (current == null || received != appliedText) {
            LoadedRules before = current;
            current = LoadedRules.of(received == null ? initial : initial.replacedBy(received));
            appliedText = received;
            if (before != null && !before.digest().equals(current.digest())) {
                LOG.info("{}: rules replaced from the rules topic: {}", operator, current.summary());
                current.ruleSet().failures().stream().limit(20).forEach(f -> LOG.warn("{}: rule not loaded: {}",
                        operator, f));
            }
        }
        return current;
    }

    /**
     * Why a rule set received on the rules topic is refused (the rules in force then stay), or null when it
     * is taken: refused when it has documents and none of them loads (not YAML, or no valid rule). An
     * empty text is taken: it leaves the built-in pack alone, if chosen.
     */
    public static String refusal(String yaml) {
        if (yaml == null) {
            return "an empty message (no value)";
        }
        RuleLoader.Result r = RuleLoader.load(RuleBundle.TOPIC_SOURCE, new StringReader(yaml));
        if (r.rules().isEmpty() && r.correlations().isEmpty() && r.filters().isEmpty() && !r.problems().isEmpty()) {
            return "no rule in it loads; first problem: " + r.problems().get(0);
        }
        return null;
    }
}
