package org.dotlink.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dotlink.core.AssetRoles;
import org.dotlink.sigma.correlation.CorrelationEngine;
import org.dotlink.sigma.correlation.CorrelationPartitions;
import org.dotlink.sigma.correlation.InMemoryCorrelationState;
import org.dotlink.sigma.hunt.Detector;
import org.dotlink.sigma.hunt.RuleSet;
import org.dotlink.sigma.index.RuleIndex;

/**
 * A {@link RuleBundle} compiled: the {@link RuleSet}, the {@link Detector} over its index (thread-safe: one
 * matcher per thread), and the {@link CorrelationPartitions} of its correlations. Compiling SigmaHQ's rules
 * takes seconds, so each JVM keeps the last few bundles it compiled, by digest, and every operator
 * instance (and every slot of a task manager) shares them. Immutable once built.
 */
public final class LoadedRules {

    private static final int KEPT = 3;
    private static final Map<String, LoadedRules> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LoadedRules> eldest) {
            return size() > KEPT;
        }
    };

    private final String digest;
    private final RuleSet ruleSet;
    private final Detector detector;
    private final CorrelationPartitions partitions;

    private LoadedRules(RuleBundle bundle) {
        this.digest = bundle.digest();
        this.ruleSet = RuleSet.compile(bundle.load(), Map.of());
        // this engine only answers which rules correlations read and which are reported; it holds no state
        CorrelationEngine engine = new CorrelationEngine(ruleSet.correlations(), new InMemoryCorrelationState());
        this.detector = new Detector(new RuleIndex(ruleSet.rules()), AssetRoles.NONE, engine);
        this.partitions = new CorrelationPartitions(ruleSet.correlations());
    }

    /** The compiled bundle: from this JVM's cache, else compiled now (other callers wait rather than compile it too). */
    public static LoadedRules of(RuleBundle bundle) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(bundle.digest(), d -> new LoadedRules(bundle));
        }
    }

    public String digest() {
        return digest;
    }

    public RuleSet ruleSet() {
        return ruleSet;
    }

    public Detector detector() {
        return detector;
    }

    public CorrelationPartitions partitions() {
        return partitions;
    }

    /** One line for logs: rules, correlations and failures. */
    public String summary() {
        return ruleSet.rules().size() + " rules, " + ruleSet.correlations().size() + " correlations, "
                + ruleSet.failures().size() + " not loaded";
    }
}
