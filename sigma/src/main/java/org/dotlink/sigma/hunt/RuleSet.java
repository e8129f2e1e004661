package org.dotlink.sigma.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.compile.RuleCompileException;
import org.dotlink.sigma.compile.RuleCompiler;
import org.dotlink.sigma.logsource.LogsourceMapping;
import org.dotlink.sigma.correlation.CompiledCorrelation;
import org.dotlink.sigma.correlation.CorrelationCompiler;
import org.dotlink.sigma.rule.CorrelationRule;
import org.dotlink.sigma.rule.RuleCache;
import org.dotlink.sigma.rule.Logsource;
import org.dotlink.sigma.rule.RuleLoader;
import org.dotlink.sigma.rule.SigmaFilter;
import org.dotlink.sigma.rule.RuleProblem;
import org.dotlink.sigma.rule.SigmaRule;

/**
 * The rules of a run: loaded from the given files and folders (plus the built-in pack), compiled
 * with the placeholder values and the Sigma filters among them, correlations linked to the rules they
 * reference, with what failed and why.
 */
public final class RuleSet {

    private final List<CompiledRule> compiled = new ArrayList<>();
    private final List<CompiledCorrelation> correlations = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int unmapped;
    private final Map<String, Integer> foreign = new java.util.TreeMap<>();

    private RuleSet() {}

    /** Loads and compiles; failures are collected, never thrown. */
    public static RuleSet load(List<Path> paths, RuleLoader.Result builtin, Map<String, List<String>> placeholders) {
        return load(paths, builtin, placeholders, null);
    }

    /** As above, with the rule files' parsed documents kept in {@code cache} between runs (null: none). */
    public static RuleSet load(List<Path> paths, RuleLoader.Result builtin, Map<String, List<String>> placeholders,
                               RuleCache cache) {
        List<RuleLoader.Result> loaded = new ArrayList<>();
        if (builtin != null) {
            loaded.add(builtin);
        }
        if (!paths.isEmpty()) {
            loaded.add(RuleLoader.loadAll(paths, cache));
        }
        return compile(loaded, placeholders);
    }

    /**
     * Compiles rules already read (from files, resources or text received at run time) as one set: the
     * filters of any of them apply to all, correlations may reference rules of any of them. Failures are
     * collected, never thrown.
     */
    public static RuleSet compile(List<RuleLoader.Result> loaded, Map<String, List<String>> placeholders) {
        RuleSet set = new RuleSet();
        LogsourceMapping mapping = LogsourceMapping.builtIn();
        List<SigmaFilter> filters = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<SigmaRule> all = new ArrayList<>();
        for (RuleLoader.Result r : loaded) {
            filters.addAll(r.filters());
            correlations.addAll(r.correlations());
            all.addAll(r.rules());
        }
        for (SigmaFilter f : filters) {
            f.problems(all).stream().map(RuleProblem::toString).forEach(set.failures::add);
        }
        RuleCompiler compiler = new RuleCompiler(mapping, placeholders, filters);
        for (RuleLoader.Result r : loaded) {
            r.problems().stream().map(RuleProblem::toString).forEach(set.failures::add);
            // compiled in parallel, collected in the order loaded
            for (Object outcome : r.rules().parallelStream().map(rule -> compileOrFailure(compiler, rule)).toList()) {
                if (outcome instanceof CompiledRule c) {
                    if (!mapping.readable(c.rule().logsource())) {
                        Logsource ls = c.rule().logsource();
                        set.foreign.merge(ls.product().or(ls::service).or(ls::category).orElse(""), 1, Integer::sum);
                    } else {
                        set.compiled.add(c);
                        set.unmapped += c.unmapped() ? 1 : 0;
                    }
                } else {
                    set.failures.add((String) outcome);
                }
            }
        }
        CorrelationCompiler.Result linked = CorrelationCompiler.compile(correlations, set.compiled);
        set.correlations.addAll(linked.correlations());
        linked.problems().stream().map(RuleProblem::toString).forEach(set.failures::add);
        return set;
    }

    /** The compiled rule, or the reason it failed to compile. */
    private static Object compileOrFailure(RuleCompiler compiler, SigmaRule rule) {
        try {
            return compiler.compile(rule);
        } catch (RuleCompileException e) {
            return e.getMessage();
        }
    }

    /** The correlation rules that linked against the loaded rules, in dependency order. */
    public List<CompiledCorrelation> correlations() {
        return correlations;
    }

    /**
     * Reads a placeholders file: a YAML mapping from placeholder name (without {@code %}) to a list of
     * values, e.g. {@code Admins_Workstations: [ADM-PC1, ADM-PC2]}.
     *
     * @throws IllegalArgumentException naming the file and what was expected
     */
    public static Map<String, List<String>> placeholders(Path file) {
        if (file == null) {
            return Map.of();
        }
        JsonNode doc;
        try {
            doc = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": could not read placeholders: " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException(file + ": expected a mapping from placeholder name to a list of values");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (var it = doc.fields(); it.hasNext(); ) {
            var e = it.next();
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(v.asText()));
            } else if (e.getValue().isValueNode()) {
                values.add(e.getValue().asText());
            } else {
                throw new IllegalArgumentException(file + ": placeholder '" + e.getKey() + "': expected a list of values");
            }
            out.put(e.getKey(), values);
        }
        return out;
    }

    /** The rules to run: compiled, and written for logs Dotlink reads. */
    public List<CompiledRule> rules() {
        return compiled;
    }

    /** One line per rule document that failed to load or compile: file, line and reason. */
    public List<String> failures() {
        return failures;
    }

    /**
     * Rules that compiled but are not run because they are written for another product's logs, per product (or
     * service, or category, for the logs of other software that Sigma names without a product).
     */
    public Map<String, Integer> foreign() {
        return foreign;
    }

    /** Number of rules not run because they are written for another product's logs. */
    public int foreignCount() {
        return foreign.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Loaded rules whose logsource has no mapping (matched on their field conditions alone). */
    public int unmapped() {
        return unmapped;
    }
}
