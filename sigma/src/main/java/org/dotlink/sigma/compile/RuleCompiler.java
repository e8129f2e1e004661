package org.dotlink.sigma.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dotlink.sigma.condition.Condition;
import org.dotlink.sigma.condition.Condition.And;
import org.dotlink.sigma.condition.Condition.AtLeast;
import org.dotlink.sigma.condition.Condition.Not;
import org.dotlink.sigma.condition.Condition.Or;
import org.dotlink.sigma.condition.Condition.Ref;
import org.dotlink.sigma.condition.ConditionException;
import org.dotlink.sigma.condition.ConditionParser;
import org.dotlink.sigma.logsource.LogsourceMapping;
import org.dotlink.sigma.logsource.LogsourceMapping.Target;
import org.dotlink.sigma.match.FieldMatcher;
import org.dotlink.sigma.match.ItemCompiler;
import org.dotlink.sigma.match.MatchCompileException;
import org.dotlink.sigma.rule.DetectionItem;
import org.dotlink.sigma.rule.SearchIdentifier;
import org.dotlink.sigma.rule.SigmaFilter;
import org.dotlink.sigma.rule.SigmaRule;

/**
 * Compiles loaded rules: conditions parsed and resolved, every item compiled into a matcher once per
 * logsource target, with the target's field mappings applied to the item's field name.
 *
 * <p>Sigma filters given to the compiler are applied to the rules they name: each rule condition
 * becomes "condition and not filter" for every filter that applies, the filter's search identifiers
 * compiled with the same field mappings as the rule's and kept under names no rule identifier can have
 * ({@code filter#0:selection}).
 */
public final class RuleCompiler {

    private final LogsourceMapping logsources;
    private final ItemCompiler items;
    private final List<SigmaFilter> filters;

    /** @param placeholders values of {@code expand} placeholders (name without {@code %}) */
    public RuleCompiler(LogsourceMapping logsources, Map<String, List<String>> placeholders) {
        this(logsources, placeholders, List.of());
    }

    /**
     * @param placeholders values of {@code expand} placeholders (name without {@code %})
     * @param filters      Sigma filters, applied to the rules they name
     */
    public RuleCompiler(LogsourceMapping logsources, Map<String, List<String>> placeholders,
                        List<SigmaFilter> filters) {
        this.logsources = logsources;
        this.items = new ItemCompiler(placeholders);
        this.filters = List.copyOf(filters);
    }

    /**
     * Compiles one rule.
     *
     * @throws RuleCompileException naming the rule's source when a condition or an item cannot be compiled
     */
    public CompiledRule compile(SigmaRule rule) {
        List<SigmaFilter> applied = filters.stream().filter(f -> f.appliesTo(rule)).toList();
        try {
            List<Condition> conditions = new ArrayList<>();
            for (String text : rule.conditions()) {
                conditions.add(ConditionParser.parse(text).resolve(rule.identifiers()));
            }
            List<Condition> exclusions = new ArrayList<>();
            for (int i = 0; i < applied.size(); i++) {
                SigmaFilter f = applied.get(i);
                List<Condition> any = new ArrayList<>();
                for (String text : f.conditions()) {
                    try {
                        any.add(renamed(ConditionParser.parse(text).resolve(f.identifiers()), prefix(i)));
                    } catch (ConditionException e) {
                        throw new ConditionException(e.getMessage() + inFilter(f));
                    }
                }
                exclusions.add(new Not(any.size() == 1 ? any.get(0) : new Or(any)));
            }
            if (!exclusions.isEmpty()) {
                conditions = conditions.stream().map(c -> {
                    List<Condition> parts = new ArrayList<>();
                    parts.add(c);
                    parts.addAll(exclusions);
                    return (Condition) new And(parts);
                }).toList();
            }
            List<Target> targets = logsources.targets(rule.logsource());
            List<CompiledRule.Variant> variants = new ArrayList<>();
            if (targets.isEmpty()) {
                variants.add(new CompiledRule.Variant(Optional.empty(), identifiers(rule, applied, Map.of()),
                        conditions));
            }
            for (Target t : targets) {
                variants.add(new CompiledRule.Variant(Optional.of(t), identifiers(rule, applied, t.fieldMappings()),
                        conditions));
            }
            return new CompiledRule(rule, variants);
        } catch (ConditionException | MatchCompileException e) {
            throw new RuleCompileException(rule.source() + ": rule '" + rule.title() + "' (" + rule.id() + "): "
                    + e.getMessage(), e);
        }
    }

    /** The name under which the {@code index}-th applied filter's identifiers are kept. */
    private static String prefix(int index) {
        return "filter#" + index + ":";
    }

    private static Condition renamed(Condition c, String prefix) {
        if (c instanceof Ref r) {
            return new Ref(prefix + r.name());
        }
        if (c instanceof Not n) {
            return new Not(renamed(n.inner(), prefix));
        }
        if (c instanceof And a) {
            return new And(a.parts().stream().map(p -> renamed(p, prefix)).toList());
        }
        if (c instanceof Or o) {
            return new Or(o.parts().stream().map(p -> renamed(p, prefix)).toList());
        }
        if (c instanceof AtLeast l) {
            return new AtLeast(l.count(), l.parts().stream().map(p -> renamed(p, prefix)).toList());
        }
        throw new IllegalStateException("a resolved condition has no " + c);
    }

    private Map<String, List<List<FieldMatcher>>> identifiers(SigmaRule rule, List<SigmaFilter> applied,
                                                              Map<String, String> fieldMappings) {
        Map<String, List<List<FieldMatcher>>> out = new LinkedHashMap<>();
        addIdentifiers(out, "", rule.detection(), fieldMappings);
        for (int i = 0; i < applied.size(); i++) {
            try {
                addIdentifiers(out, prefix(i), applied.get(i).detection(), fieldMappings);
            } catch (MatchCompileException e) {
                throw new MatchCompileException(e.getMessage() + inFilter(applied.get(i)), e);
            }
        }
        return out;
    }

    private static String inFilter(SigmaFilter f) {
        return " (in filter '" + f.title() + "' at " + f.source() + ")";
    }

    private void addIdentifiers(Map<String, List<List<FieldMatcher>>> out, String prefix,
                                List<SearchIdentifier> detection, Map<String, String> fieldMappings) {
        for (SearchIdentifier id : detection) {
            List<List<FieldMatcher>> groups = new ArrayList<>();
            for (List<DetectionItem> group : id.groups()) {
                List<FieldMatcher> matchers = new ArrayList<>();
                for (DetectionItem item : group) {
                    String field = item.field().map(f -> fieldMappings.getOrDefault(f, f)).orElse("");
                    Object value = item.values().size() == 1 ? item.values().get(0) : item.values();
                    matchers.add(items.compile(field, item.modifiers(), value));
                }
                groups.add(List.copyOf(matchers));
            }
            out.put(prefix + id.name(), List.copyOf(groups));
        }
    }
}
