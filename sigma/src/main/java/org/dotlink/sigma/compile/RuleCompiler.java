package org.dotlink.sigma.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dotlink.sigma.condition.Condition;
import org.dotlink.sigma.condition.ConditionException;
import org.dotlink.sigma.condition.ConditionParser;
import org.dotlink.sigma.logsource.LogsourceMapping;
import org.dotlink.sigma.logsource.LogsourceMapping.Target;
import org.dotlink.sigma.match.FieldMatcher;
import org.dotlink.sigma.match.ItemCompiler;
import org.dotlink.sigma.match.MatchCompileException;
import org.dotlink.sigma.rule.DetectionItem;
import org.dotlink.sigma.rule.SearchIdentifier;
import org.dotlink.sigma.rule.SigmaRule;

/**
 * Compiles loaded rules: conditions parsed and resolved, every item compiled into a matcher once per
 * logsource target, with the target's field mappings applied to the item's field name.
 */
public final class RuleCompiler {

    private final LogsourceMapping logsources;
    private final ItemCompiler items;

    /** @param placeholders values of {@code expand} placeholders (name without {@code %}) */
    public RuleCompiler(LogsourceMapping logsources, Map<String, List<String>> placeholders) {
        this.logsources = logsources;
        this.items = new ItemCompiler(placeholders);
    }

    /**
     * Compiles one rule.
     *
     * @throws RuleCompileException naming the rule's source when a condition or an item cannot be compiled
     */
    public CompiledRule compile(SigmaRule rule) {
        try {
            List<Condition> conditions = new ArrayList<>();
            for (String text : rule.conditions()) {
                conditions.add(ConditionParser.parse(text).resolve(rule.identifiers()));
            }
            List<Target> targets = logsources.targets(rule.logsource());
            List<CompiledRule.Variant> variants = new ArrayList<>();
            if (targets.isEmpty()) {
                variants.add(new CompiledRule.Variant(Optional.empty(), identifiers(rule, Map.of()), conditions));
            }
            for (Target t : targets) {
                variants.add(new CompiledRule.Variant(Optional.of(t), identifiers(rule, t.fieldMappings()), conditions));
            }
            return new CompiledRule(rule, variants);
        } catch (ConditionException | MatchCompileException e) {
            throw new RuleCompileException(rule.source() + ": rule '" + rule.title() + "' (" + rule.id() + "): "
                    + e.getMessage(), e);
        }
    }

    private Map<String, List<List<FieldMatcher>>> identifiers(SigmaRule rule, Map<String, String> fieldMappings) {
        Map<String, List<List<FieldMatcher>>> out = new LinkedHashMap<>();
        for (SearchIdentifier id : rule.detection()) {
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
            out.put(id.name(), List.copyOf(groups));
        }
        return out;
    }
}
