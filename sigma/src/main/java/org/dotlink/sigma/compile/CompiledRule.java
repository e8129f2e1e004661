package org.dotlink.sigma.compile;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dotlink.core.Event;
import org.dotlink.core.RuleInfo;
import org.dotlink.sigma.condition.Condition;
import org.dotlink.sigma.logsource.LogsourceMapping.Target;
import org.dotlink.sigma.match.FieldMatcher;
import org.dotlink.sigma.rule.SigmaRule;

/**
 * A rule compiled once into matchers: one {@link Variant} per kind of event its logsource means (with
 * that kind's field names), or a single unconstrained variant when the logsource has no mapping.
 * Immutable and thread-safe.
 */
public final class CompiledRule {

    /**
     * The rule as it applies to one kind of event.
     *
     * @param target      which events (channels, event ids, extra conditions); empty when unmapped
     * @param identifiers each search identifier's groups of matchers (a group matches when all its items do)
     * @param conditions  the rule's conditions, resolved; any one that holds makes a match
     */
    public record Variant(Optional<Target> target, Map<String, List<List<FieldMatcher>>> identifiers,
                          List<Condition> conditions) {}

    private final SigmaRule rule;
    private final List<Variant> variants;
    private final RuleInfo info;

    CompiledRule(SigmaRule rule, List<Variant> variants) {
        this.rule = rule;
        this.variants = List.copyOf(variants);
        this.info = rule.info();
    }

    /** The rule as its detections name it (one shared instance). */
    public RuleInfo info() {
        return info;
    }

    public SigmaRule rule() {
        return rule;
    }

    public List<Variant> variants() {
        return variants;
    }

    /** True when the logsource had no mapping, so the rule is matched on its field conditions alone. */
    public boolean unmapped() {
        return variants.size() == 1 && variants.get(0).target().isEmpty();
    }

    /** True when the event is of a kind the rule is written for and the rule's condition holds on it. */
    public boolean matches(Event e) {
        for (Variant v : variants) {
            if (matches(v, e)) {
                return true;
            }
        }
        return false;
    }

    /** True when the event is of the variant's kind (channel, event id, extra conditions) and its condition holds. */
    public static boolean matches(Variant v, Event e) {
        return (v.target().isEmpty() || accepts(v.target().get(), e)) && holds(v, e);
    }

    /**
     * The name under which event {@code e} carries the rule's field {@code field}: the field mapping of the
     * kind of event {@code e} is (4688's {@code NewProcessName} for {@code Image}), else {@code field} itself.
     * Correlations read their group-by and value fields through this.
     */
    public String eventField(String field, Event e) {
        for (Variant v : variants) {
            if (v.target().isPresent() && accepts(v.target().get(), e)) {
                return v.target().get().fieldMappings().getOrDefault(field, field);
            }
        }
        return field;
    }

    private static boolean holds(Variant v, Event e) {
        for (Condition c : v.conditions()) {
            if (c.evaluate(name -> selected(v.identifiers().get(name), e))) {
                return true;
            }
        }
        return false;
    }

    private static boolean selected(List<List<FieldMatcher>> groups, Event e) {
        for (List<FieldMatcher> group : groups) {
            boolean all = true;
            for (FieldMatcher m : group) {
                if (!m.matches(e)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    static boolean accepts(Target t, Event e) {
        if (!t.eventIds().isEmpty() && !t.eventIds().contains(e.eventId())) {
            return false;
        }
        String channel = e.channel();
        boolean channelOk = false;
        for (String c : t.channels()) {
            if (c.equalsIgnoreCase(channel)) {
                channelOk = true;
                break;
            }
        }
        if (!channelOk) {
            return false;
        }
        for (Map.Entry<String, String> c : t.conditions().entrySet()) {
            if (!(e.raw(c.getKey()) instanceof String v) || !v.equalsIgnoreCase(c.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "CompiledRule[" + rule.title() + " (" + rule.id() + "), " + variants.size() + " variants]";
    }
}
