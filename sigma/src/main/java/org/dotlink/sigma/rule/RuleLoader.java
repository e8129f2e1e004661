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
import org.dotlink.sigma.condition.ConditionException;
import org.dotlink.sigma.condition.ConditionParser;

/**
 * Loads Sigma rules from YAML files (one rule per document; a file may hold several): detection rules,
 * correlation rules ({@code correlation:}) and filters ({@code filter:}). Each document that is not valid
 * becomes a {@link RuleProblem} naming the file and line; the other documents and files are still loaded.
 * References between documents (a correlation's or filter's {@code rules}) are resolved later, when
 * rules are compiled.
 */
public final class RuleLoader {

    /** What a load gave: detection rules, correlation rules, filters, and the documents that failed and why. */
    public record Result(List<SigmaRule> rules, List<RuleProblem> problems, List<CorrelationRule> correlations,
                         List<SigmaFilter> filters) {

        /** A result of detection rules only. */
        public Result(List<SigmaRule> rules, List<RuleProblem> problems) {
            this(rules, problems, List.of(), List.of());
        }
    }

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private RuleLoader() {}

    /**
     * Loads every {@code .yml}/{@code .yaml} file under {@code paths} (files as they are, folders
     * recursively in name order).
     */
    public static Result loadAll(List<Path> paths) {
        return loadAll(paths, null);
    }

    /**
     * As {@link #loadAll(List)}, taking each file's parsed documents from {@code cache} when the file is
     * unchanged since it was cached (null: no cache), and keeping the cache up to date.
     */
    public static Result loadAll(List<Path> paths, RuleCache cache) {
        List<SigmaRule> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<SigmaFilter> filters = new ArrayList<>();
        for (Path p : paths) {
            List<Path> files;
            try {
                files = files(p);
            } catch (IOException | UncheckedIOException e) {
                problems.add(new RuleProblem(p.toString(), 0, "could not list: " + e.getMessage()));
                continue;
            }
            RuleCache.Folder cached = cache == null ? RuleCache.Folder.NONE : cache.folder(p);
            // files are read in parallel (rule packs hold thousands) and their results kept in name order
            for (Result r : files.parallelStream().map(f -> read(f.toString(), cached.parsed(f, RuleLoader::parse))).toList()) {
                rules.addAll(r.rules());
                problems.addAll(r.problems());
                correlations.addAll(r.correlations());
                filters.addAll(r.filters());
            }
            cached.save();
        }
        return new Result(rules, problems, correlations, filters);
    }

    /**
     * The rule files {@link #loadAll} reads for {@code path}: a file as it is, a folder's {@code .yml} and
     * {@code .yaml} files recursively, in name order.
     */
    public static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(f -> Files.isRegularFile(f)
                    && (f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))).sorted().toList();
        }
    }

    /** Loads the documents of one YAML file; a file that cannot be opened is a problem naming it. */
    public static Result load(Path file) {
        return read(file.toString(), parse(file));
    }

    /**
     * Loads the documents of YAML text read from {@code reader} (a classpath resource, say), naming
     * {@code sourceName} as their file in rules and problems. The reader is closed when read.
     */
    public static Result load(String sourceName, Reader reader) {
        return read(sourceName, parse(sourceName, reader));
    }

    /** A YAML document of a rule file: the line it begins on, and its tree. */
    public record Document(int line, JsonNode tree) {}

    /**
     * A rule file's documents as YAML gave them, up to the problem that stopped its reading (null when it
     * was read to its end).
     */
    public record Parsed(List<Document> documents, RuleProblem problem) {}

    static Parsed parse(Path file) {
        Reader reader;
        try {
            // the decoder YAMLFactory puts on a file it opens itself: UTF-8, invalid bytes are a YAML error
            reader = new UTF8Reader(new FileInputStream(file.toFile()), true);
        } catch (IOException e) {
            return new Parsed(List.of(), new RuleProblem(file.toString(), 0, "could not read: " + e.getMessage()));
        }
        return parse(file.toString(), reader);
    }

    private static Parsed parse(String name, Reader reader) {
        List<Document> documents = new ArrayList<>();
        try (JsonParser p = YAML.createParser(reader)) {
            while (p.nextToken() != null) {
                int line = p.currentTokenLocation().getLineNr();
                JsonNode doc = MAPPER.readTree(p);
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) { // not an empty document ("---" at the end)
                    documents.add(new Document(line, doc));
                }
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            return new Parsed(documents, new RuleProblem(name, line, "not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return new Parsed(documents, new RuleProblem(name, 0, "could not read: " + e.getMessage()));
        }
        return new Parsed(documents, null);
    }

    /** The rules, correlations and filters of a file's documents, and the documents that are none of them and why. */
    private static Result read(String name, Parsed parsed) {
        List<SigmaRule> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<SigmaFilter> filters = new ArrayList<>();
        for (Document d : parsed.documents()) {
            JsonNode doc = d.tree();
            int line = d.line();
            try {
                if (doc.isObject() && doc.has("correlation")) {
                    onlyOneKind(doc, "correlation");
                    correlations.add(CorrelationReader.read(doc, name, line));
                } else if (doc.isObject() && doc.has("filter")) {
                    onlyOneKind(doc, "filter");
                    filters.add(filter(doc, name, line));
                } else {
                    rules.add(rule(doc, name + ":" + line));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem(name, line, e.getMessage()));
            }
        }
        if (parsed.problem() != null) {
            problems.add(parsed.problem());
        }
        return new Result(rules, problems, correlations, filters);
    }

    private static void onlyOneKind(JsonNode doc, String kind) {
        for (String other : List.of("detection", "correlation", "filter")) {
            if (!other.equals(kind) && doc.has(other)) {
                throw new IllegalArgumentException("a document has '" + kind + "' and '" + other
                        + "': it is one of a detection rule, a correlation or a filter");
            }
        }
    }

    private static SigmaRule rule(JsonNode doc, String source) {
        if (!doc.isObject()) {
            throw new IllegalArgumentException("a rule is a mapping of keys (title, logsource, detection, ...)");
        }
        JsonNode detection = doc.path("detection");
        if (!detection.isObject()) {
            throw new IllegalArgumentException("no 'detection' mapping");
        }
        List<String> conditions = conditions(detection.path("condition"), "'detection' has no 'condition'");
        List<SearchIdentifier> identifiers = identifiers(detection, List.of("condition", "timeframe"));
        List<String> tags = new ArrayList<>();
        doc.path("tags").forEach(t -> tags.add(t.asText()));
        return new SigmaRule(doc.path("id").asText(""), doc.path("title").asText(""), doc.path("level").asText(""),
                doc.path("status").asText(""), tags, logsource(doc), identifiers, conditions, source,
                doc.path("name").asText(""));
    }

    private static SigmaFilter filter(JsonNode doc, String file, int line) {
        JsonNode filter = doc.path("filter");
        if (!filter.isObject()) {
            throw new IllegalArgumentException("'filter' is not a mapping");
        }
        List<String> rules = CorrelationReader.strings(filter.path("rules"), "filter.rules");
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no 'filter.rules': a filter names the rules it applies to");
        }
        List<String> conditions = conditions(filter.path("condition"), "'filter' has no 'condition'");
        List<SearchIdentifier> identifiers = identifiers(filter, List.of("rules", "condition"));
        List<String> names = identifiers.stream().map(SearchIdentifier::name).toList();
        for (String c : conditions) {
            try {
                ConditionParser.parse(c).resolve(names);
            } catch (ConditionException e) {
                throw new IllegalArgumentException("filter condition '" + c + "': " + e.getMessage());
            }
        }
        return new SigmaFilter(doc.path("id").asText(""), doc.path("title").asText(""), logsource(doc), rules,
                identifiers, conditions, file, line);
    }

    private static List<String> conditions(JsonNode condition, String missing) {
        List<String> conditions = new ArrayList<>();
        if (condition.isTextual()) {
            conditions.add(condition.asText());
        } else if (condition.isArray() && condition.size() > 0) {
            condition.forEach(c -> conditions.add(c.asText()));
        } else {
            throw new IllegalArgumentException(missing);
        }
        return conditions;
    }

    private static List<SearchIdentifier> identifiers(JsonNode section, List<String> otherKeys) {
        List<SearchIdentifier> identifiers = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!otherKeys.contains(e.getKey())) {
                identifiers.add(searchIdentifier(e.getKey(), e.getValue()));
            }
        }
        return identifiers;
    }

    private static Logsource logsource(JsonNode doc) {
        JsonNode ls = doc.path("logsource");
        return new Logsource(text(ls, "category"), text(ls, "product"), text(ls, "service"));
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
