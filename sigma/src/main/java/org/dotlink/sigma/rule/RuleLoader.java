package org.dotlink.sigma.rule;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.UTF8Reader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads Sigma rules from YAML files (one rule per document; a file may hold several). Each document
 * that is not a valid detection rule becomes a {@link RuleProblem} naming the file and line; the other
 * documents and files are still loaded.
 */
public final class RuleLoader {

    /** What a load gave: the rules, and the documents that failed and why. */
    public record Result(List<SigmaRule> rules, List<RuleProblem> problems) {}

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private RuleLoader() {}

    /**
     * Loads every {@code .yml}/{@code .yaml} file under {@code paths} (files as they are, folders
     * recursively in name order).
     */
    public static Result loadAll(List<Path> paths) {
        List<SigmaRule> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (Path p : paths) {
            List<Path> files;
            if (!Files.isDirectory(p)) {
                files = List.of(p);
            } else {
                try (Stream<Path> walk = Files.walk(p)) {
                    files = walk.filter(f -> Files.isRegularFile(f)
                            && (f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))).sorted().toList();
                } catch (IOException | UncheckedIOException e) {
                    problems.add(new RuleProblem(p.toString(), 0, "could not list: " + e.getMessage()));
                    continue;
                }
            }
            for (Path f : files) {
                Result r = load(f);
                rules.addAll(r.rules());
                problems.addAll(r.problems());
            }
        }
        return new Result(rules, problems);
    }

    /** Loads the rules of one YAML file; a file that cannot be opened is a problem naming it. */
    public static Result load(Path file) {
        Reader reader;
        try {
            // the decoder YAMLFactory puts on a file it opens itself: UTF-8, invalid bytes are a YAML error
            reader = new UTF8Reader(new FileInputStream(file.toFile()), true);
        } catch (IOException e) {
            return new Result(List.of(), List.of(new RuleProblem(file.toString(), 0, "could not read: " + e.getMessage())));
        }
        return load(file.toString(), reader);
    }

    /**
     * Loads the rules of one YAML text (one rule per document). The reader is read to its end and closed.
     *
     * @param sourceName how rules and problems name where they were read (a file path, {@code builtin:name.yml}, ...)
     */
    public static Result load(String sourceName, Reader reader) {
        List<SigmaRule> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        String name = sourceName;
        try (JsonParser p = YAML.createParser(reader)) {
            while (p.nextToken() != null) {
                int line = p.currentTokenLocation().getLineNr();
                JsonNode doc = MAPPER.readTree(p);
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue; // an empty document ("---" at the end)
                }
                try {
                    rules.add(rule(doc, name + ":" + line));
                } catch (IllegalArgumentException e) {
                    problems.add(new RuleProblem(name, line, e.getMessage()));
                }
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new RuleProblem(name, line, "not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new RuleProblem(name, 0, "could not read: " + e.getMessage()));
        }
        return new Result(rules, problems);
    }

    private static SigmaRule rule(JsonNode doc, String source) {
        if (!doc.isObject()) {
            throw new IllegalArgumentException("a rule is a mapping of keys (title, logsource, detection, ...)");
        }
        if (doc.has("correlation")) {
            throw new IllegalArgumentException("correlation rules are not loaded by this loader yet");
        }
        JsonNode detection = doc.path("detection");
        if (!detection.isObject()) {
            throw new IllegalArgumentException("no 'detection' mapping");
        }
        JsonNode condition = detection.path("condition");
        List<String> conditions = new ArrayList<>();
        if (condition.isTextual()) {
            conditions.add(condition.asText());
        } else if (condition.isArray() && condition.size() > 0) {
            condition.forEach(c -> conditions.add(c.asText()));
        } else {
            throw new IllegalArgumentException("'detection' has no 'condition'");
        }
        List<SearchIdentifier> identifiers = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = detection.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("condition") && !e.getKey().equals("timeframe")) {
                identifiers.add(searchIdentifier(e.getKey(), e.getValue()));
            }
        }
        JsonNode ls = doc.path("logsource");
        Logsource logsource = new Logsource(text(ls, "category"), text(ls, "product"), text(ls, "service"));
        List<String> tags = new ArrayList<>();
        doc.path("tags").forEach(t -> tags.add(t.asText()));
        return new SigmaRule(doc.path("id").asText(""), doc.path("title").asText(""), doc.path("level").asText(""),
                doc.path("status").asText(""), tags, logsource, identifiers, conditions, source);
    }

    private static SearchIdentifier searchIdentifier(String name, JsonNode value) {
        List<List<DetectionItem>> groups = new ArrayList<>();
        if (value.isObject()) {
            groups.add(items(name, value));
        } else if (value.isArray() && value.size() > 0 && allObjects(value)) {
            value.forEach(v -> groups.add(items(name, v)));
        } else if (value.isArray() && noObjects(value)) {
            groups.add(List.of(new DetectionItem(Optional.empty(), List.of(), scalars(name, value))));
        } else if (value.isValueNode()) {
            groups.add(List.of(new DetectionItem(Optional.empty(), List.of(), scalars(name, value))));
        } else {
            throw new IllegalArgumentException("search identifier '" + name + "' mixes field maps and plain values");
        }
        return new SearchIdentifier(name, groups);
    }

    private static List<DetectionItem> items(String identifier, JsonNode map) {
        List<DetectionItem> items = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] parts = e.getKey().split("\\|", -1);
            Optional<String> field = parts[0].isEmpty() ? Optional.empty() : Optional.of(parts[0]);
            List<String> modifiers = Arrays.asList(parts).subList(1, parts.length);
            if (modifiers.contains("")) {
                throw new IllegalArgumentException("'" + e.getKey() + "' in '" + identifier + "' has an empty modifier");
            }
            items.add(new DetectionItem(field, modifiers, scalars(identifier + "." + e.getKey(), e.getValue())));
        }
        return items;
    }

    /** A scalar or a list of scalars as Java values: String, Number, Boolean or null. */
    private static List<Object> scalars(String where, JsonNode v) {
        List<Object> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode item : v) {
                out.add(scalar(where, item));
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("'" + where + "' has an empty list of values");
            }
        } else {
            out.add(scalar(where, v));
        }
        return out;
    }

    private static Object scalar(String where, JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.numberValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        throw new IllegalArgumentException("'" + where + "' has a value that is neither text, number, boolean nor null");
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode v : array) {
            if (!v.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static boolean noObjects(JsonNode array) {
        for (JsonNode v : array) {
            if (v.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode v = node.path(key);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }
}
