package org.dotlink.sigma.correlation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.rule.CorrelationRule;
import org.dotlink.sigma.rule.RuleProblem;

/**
 * Links loaded correlation rules to the compiled detection rules and to each other: every entry of
 * {@code rules} must name exactly one detection rule (which must have an {@code id}, since detections are
 * routed by it) or one other correlation; chains must not loop; every {@code group-by} entry and the
 * measured field must be readable in every referenced rule's detections (through {@code aliases} where
 * given; a referenced correlation only carries its own group-by values). A correlation that fails any of
 * this is a {@link RuleProblem} at its document, and so is one that refers to a failed correlation.
 */
public final class CorrelationCompiler {

    /** The correlations that linked, in dependency order (referenced before referencing), and those that did not. */
    public record Result(List<CompiledCorrelation> correlations, List<RuleProblem> problems) {}

    /** A resolved reference: a detection rule or a correlation (by index). */
    private record Target(CompiledRule rule, int correlation) {}

    private final List<CorrelationRule> correlations;
    private final List<CompiledRule> rules;
    private final List<RuleProblem> problems = new ArrayList<>();
    private final Map<Integer, List<Target>> targets = new HashMap<>();
    private final Map<Integer, CompiledCorrelation> compiled = new LinkedHashMap<>();
    private final Set<Integer> failed = new HashSet<>();

    private CorrelationCompiler(List<CorrelationRule> correlations, List<CompiledRule> rules) {
        this.correlations = correlations;
        this.rules = rules;
    }

    /**
     * Links {@code correlations} against the compiled detection rules {@code rules}.
     *
     * @return the compiled correlations (in dependency order) and a problem for each that failed
     */
    public static Result compile(List<CorrelationRule> correlations, List<CompiledRule> rules) {
        CorrelationCompiler c = new CorrelationCompiler(List.copyOf(correlations), List.copyOf(rules));
        c.resolveAll();
        for (int i = 0; i < c.correlations.size(); i++) {
            c.build(i, new ArrayList<>());
        }
        return new Result(List.copyOf(c.compiled.values()), List.copyOf(c.problems));
    }

    private void resolveAll() {
        Map<String, Integer> keys = new HashMap<>();
        for (int i = 0; i < correlations.size(); i++) {
            CorrelationRule c = correlations.get(i);
            Integer earlier = keys.putIfAbsent(key(c), i);
            if (earlier != null) {
                fail(i, "its id or name '" + key(c) + "' is already used by the correlation at "
                        + correlations.get(earlier).source());
                continue;
            }
            List<Target> resolved = new ArrayList<>();
            for (String ref : c.rules()) {
                Target t = resolve(i, ref);
                if (t == null) {
                    break;
                }
                resolved.add(t);
            }
            if (!failed.contains(i)) {
                targets.put(i, resolved);
            }
        }
    }

    private Target resolve(int index, String ref) {
        List<Target> found = new ArrayList<>();
        for (CompiledRule r : rules) {
            if (r.rule().isNamedBy(ref)) {
                found.add(new Target(r, -1));
            }
        }
        for (int j = 0; j < correlations.size(); j++) {
            if (correlations.get(j).isNamedBy(ref)) {
                found.add(new Target(null, j));
            }
        }
        if (found.isEmpty()) {
            fail(index, "'rules' names '" + ref + "', which is the id or name of no loaded rule or correlation");
            return null;
        }
        if (found.size() > 1) {
            fail(index, "'rules' names '" + ref + "', which is the id or name of " + found.size()
                    + " rules; it must name one");
            return null;
        }
        Target t = found.get(0);
        if (t.rule() != null && t.rule().info().id().isEmpty()) {
            fail(index, "rule '" + ref + "' (" + t.rule().rule().source() + ") has no id; correlated rules need one");
            return null;
        }
        return t;
    }

    /** Compiles correlation {@code i} after what it refers to; false when it (or what it refers to) failed. */
    private boolean build(int i, List<Integer> path) {
        if (compiled.containsKey(i)) {
            return true;
        }
        if (failed.contains(i)) {
            return false;
        }
        if (path.contains(i)) {
            List<String> loop = new ArrayList<>();
            path.subList(path.indexOf(i), path.size()).forEach(j -> loop.add(key(correlations.get(j))));
            loop.add(key(correlations.get(i)));
            fail(i, "its references loop: " + String.join(" -> ", loop));
            return false;
        }
        path.add(i);
        for (Target t : targets.get(i)) {
            if (t.rule() == null && !build(t.correlation(), path)) {
                if (!failed.contains(i)) {
                    fail(i, "it refers to correlation '" + key(correlations.get(t.correlation()))
                            + "', which could not be compiled");
                }
                path.remove(path.size() - 1);
                return false;
            }
        }
        path.remove(path.size() - 1);
        if (failed.contains(i)) {
            return false; // a loop through it was found further down
        }
        CompiledCorrelation c = link(i);
        if (c == null) {
            return false;
        }
        compiled.put(i, c);
        return true;
    }

    private CompiledCorrelation link(int i) {
        CorrelationRule c = correlations.get(i);
        for (String aliasRef : aliasReferences(c)) {
            if (targets.get(i).stream().noneMatch(t -> namedBy(t, aliasRef))) {
                fail(i, "'aliases' names '" + aliasRef + "', which is not one of its 'rules'");
                return null;
            }
        }
        List<CompiledCorrelation.Input> inputs = new ArrayList<>();
        List<String> order = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Target t : targets.get(i)) {
            CompiledCorrelation inner = t.rule() == null ? compiled.get(t.correlation()) : null;
            List<String> groupFields = new ArrayList<>();
            for (String g : c.groupBy()) {
                String f = field(i, g, t, inner);
                if (f == null) {
                    return null;
                }
                groupFields.add(f);
            }
            String valueField = null;
            if (c.condition().field().isPresent()) {
                valueField = field(i, c.condition().field().get(), t, inner);
                if (valueField == null) {
                    return null;
                }
            }
            CompiledCorrelation.Input input = new CompiledCorrelation.Input(t.rule(), inner, groupFields, valueField);
            order.add(input.key());
            if (seen.add(input.key())) {
                inputs.add(input);
            }
        }
        return new CompiledCorrelation(c, key(c), inputs, order);
    }

    /** The field holding {@code name} (a field or an alias) in the detections of {@code t}; null after a problem. */
    private String field(int i, String name, Target t, CompiledCorrelation inner) {
        CorrelationRule c = correlations.get(i);
        String field = name;
        Map<String, String> alias = c.aliases().get(name);
        if (alias != null) {
            field = null;
            for (Map.Entry<String, String> e : alias.entrySet()) {
                if (namedBy(t, e.getKey())) {
                    field = e.getValue();
                }
            }
            if (field == null) {
                fail(i, "alias '" + name + "' gives no field for rule '" + describe(t) + "'");
                return null;
            }
        }
        if (inner != null && !inner.rule().groupBy().contains(field)) {
            fail(i, "it reads '" + field + "' from correlation '" + inner.key() + "', whose detections only carry"
                    + " its group-by fields " + inner.rule().groupBy());
            return null;
        }
        return field;
    }

    private boolean namedBy(Target t, String ref) {
        return t.rule() != null ? t.rule().rule().isNamedBy(ref) : correlations.get(t.correlation()).isNamedBy(ref);
    }

    private String describe(Target t) {
        return t.rule() != null ? t.rule().rule().title() : key(correlations.get(t.correlation()));
    }

    private static Set<String> aliasReferences(CorrelationRule c) {
        Set<String> out = new LinkedHashSet<>();
        c.aliases().values().forEach(m -> out.addAll(m.keySet()));
        return out;
    }

    private static String key(CorrelationRule c) {
        return !c.id().isEmpty() ? c.id() : !c.name().isEmpty() ? c.name() : c.source();
    }

    private void fail(int i, String message) {
        if (failed.add(i)) {
            problems.add(correlations.get(i).problem(message));
        }
    }
}
