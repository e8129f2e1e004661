package org.dotlink.sigma.rule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dotlink.sigma.rule.CorrelationCondition.Bound;
import org.dotlink.sigma.rule.CorrelationCondition.Operator;

/**
 * Reads one {@code correlation:} document into a {@link CorrelationRule}, checking everything that can
 * be checked without the other rules; what is wrong is an {@link IllegalArgumentException} saying what.
 */
final class CorrelationReader {

    private static final Set<String> KEYS = Set.of("type", "rules", "group-by", "timespan", "condition", "aliases",
            "generate");
    private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,9})([smhdw])");

    private CorrelationReader() {}

    static CorrelationRule read(JsonNode doc, String file, int line) {
        JsonNode c = doc.path("correlation");
        if (!c.isObject()) {
            throw new IllegalArgumentException("'correlation' is not a mapping");
        }
        for (Iterator<String> it = c.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key 'correlation." + key + "' (known: " + String.join(", ",
                        new TreeSet<>(KEYS)) + ")");
            }
        }
        String typeText = c.path("type").asText("");
        CorrelationType type = CorrelationType.parse(typeText).orElseThrow(() -> new IllegalArgumentException(
                typeText.isEmpty() ? "no 'correlation.type'" : "unknown correlation type '" + typeText
                        + "' (known: event_count, value_count, temporal, temporal_ordered, value_sum, value_avg,"
                        + " value_percentile)"));
        List<String> rules = strings(c.path("rules"), "correlation.rules");
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no 'correlation.rules': a correlation names the rules it correlates");
        }
        List<String> groupBy = c.has("group-by") ? strings(c.path("group-by"), "correlation.group-by") : List.of();
        Duration timespan = timespan(c.path("timespan"));
        // without a condition, temporal wants every referenced rule, temporal_ordered every step listed
        int all = type == CorrelationType.TEMPORAL_ORDERED ? rules.size() : new LinkedHashSet<>(rules).size();
        CorrelationCondition condition = condition(type, c.path("condition"), all);
        Map<String, Map<String, String>> aliases = aliases(c.path("aliases"));
        JsonNode generate = c.path("generate");
        if (!generate.isMissingNode() && !generate.isBoolean()) {
            throw new IllegalArgumentException("'correlation.generate' must be true or false");
        }
        List<String> tags = new ArrayList<>();
        doc.path("tags").forEach(t -> tags.add(t.asText()));
        return new CorrelationRule(doc.path("id").asText(""), doc.path("name").asText(""), doc.path("title").asText(""),
                doc.path("level").asText(""), doc.path("status").asText(""), tags, type, rules, groupBy, timespan,
                condition, aliases, generate.asBoolean(false), file, line);
    }

    /** {@code timespan}: a positive number and one of s, m, h, d (and w for weeks). */
    static Duration timespan(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException("no 'correlation.timespan' (such as 30s, 5m, 1h, 1d)");
        }
        Matcher m = TIMESPAN.matcher(node.asText());
        if (!node.isTextual() || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("'correlation.timespan' is '" + node.asText()
                    + "'; expected a positive number and s, m, h or d (such as 30s, 5m, 1h, 1d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    private static CorrelationCondition condition(CorrelationType type, JsonNode node, int all) {
        boolean temporal = type == CorrelationType.TEMPORAL || type == CorrelationType.TEMPORAL_ORDERED;
        if (node.isMissingNode() || node.isNull()) {
            if (!temporal) {
                throw new IllegalArgumentException("no 'correlation.condition': " + type.label()
                        + " needs one (such as 'gte: 10')");
            }
            return new CorrelationCondition(List.of(new Bound(Operator.GTE, all)), Optional.empty(),
                    Optional.empty());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'correlation.condition' must be a mapping such as 'gte: 10'");
        }
        List<Bound> bounds = new ArrayList<>();
        Optional<String> field = Optional.empty();
        Optional<Double> percentile = Optional.empty();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (key.equals("field")) {
                if (!v.isTextual() || v.asText().isEmpty()) {
                    throw new IllegalArgumentException("'correlation.condition.field' must be a field name");
                }
                field = Optional.of(v.asText());
            } else if (key.equals("percentile")) {
                if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 100) {
                    throw new IllegalArgumentException("'correlation.condition.percentile' must be a number from 0 to"
                            + " 100, not '" + v.asText() + "'");
                }
                percentile = Optional.of(v.asDouble());
            } else {
                Operator op = Arrays.stream(Operator.values()).filter(o -> o.label().equals(key)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown key 'correlation.condition." + key
                                + "' (known: gt, gte, lt, lte, eq, neq, field, percentile)"));
                if (!v.isNumber()) {
                    throw new IllegalArgumentException("'correlation.condition." + key + "' must be a number, not '"
                            + v.asText() + "'");
                }
                bounds.add(new Bound(op, v.asDouble()));
            }
        }
        if (bounds.isEmpty()) {
            throw new IllegalArgumentException("'correlation.condition' has no comparison (gt, gte, lt, lte, eq, neq)");
        }
        if (type.needsField() && field.isEmpty()) {
            throw new IllegalArgumentException(type.label() + " needs 'correlation.condition.field': the field whose"
                    + " values it measures");
        }
        if (!type.needsField() && field.isPresent()) {
            throw new IllegalArgumentException("'correlation.condition.field' does not apply to " + type.label());
        }
        if (type == CorrelationType.VALUE_PERCENTILE && percentile.isEmpty()) {
            throw new IllegalArgumentException("value_percentile needs 'correlation.condition.percentile' (0 to 100)");
        }
        if (type != CorrelationType.VALUE_PERCENTILE && percentile.isPresent()) {
            throw new IllegalArgumentException("'correlation.condition.percentile' only applies to value_percentile");
        }
        return new CorrelationCondition(bounds, field, percentile);
    }

    private static Map<String, Map<String, String>> aliases(JsonNode node) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'correlation.aliases' must map alias names to {rule: field} mappings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> alias = it.next();
            if (!alias.getValue().isObject() || alias.getValue().isEmpty()) {
                throw new IllegalArgumentException("alias '" + alias.getKey() + "' must map rule names to field names");
            }
            Map<String, String> byRule = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> f = alias.getValue().fields(); f.hasNext();) {
                Map.Entry<String, JsonNode> e = f.next();
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("alias '" + alias.getKey() + "' gives rule '" + e.getKey()
                            + "' a field that is not a name");
                }
                byRule.put(e.getKey(), e.getValue().asText());
            }
            out.put(alias.getKey(), byRule);
        }
        return out;
    }

    /** A string, or a list of strings. */
    static List<String> strings(JsonNode node, String where) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode v : node) {
                if (!v.isValueNode() || v.isNull() || v.asText().isEmpty()) {
                    throw new IllegalArgumentException("'" + where + "' must be a list of names");
                }
                out.add(v.asText());
            }
        } else if (!node.isMissingNode()) {
            throw new IllegalArgumentException("'" + where + "' must be a list of names");
        }
        return out;
    }
}
