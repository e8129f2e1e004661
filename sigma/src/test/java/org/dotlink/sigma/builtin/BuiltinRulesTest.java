package org.dotlink.sigma.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.compile.RuleCompiler;
import org.dotlink.sigma.logsource.LogsourceMapping;
import org.dotlink.sigma.rule.RuleLoader;
import org.dotlink.sigma.rule.SigmaRule;
import org.junit.jupiter.api.Test;

class BuiltinRulesTest {

    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    private static final Set<String> TACTICS = Set.of("reconnaissance", "resource-development", "initial-access",
            "execution", "persistence", "privilege-escalation", "defense-evasion", "credential-access", "discovery",
            "lateral-movement", "collection", "command-and-control", "exfiltration", "impact");
    private static final Pattern TECHNIQUE_TAG = Pattern.compile("attack\\.t\\d{4}(\\.\\d{3})?");
    private static final Pattern SOFTWARE_TAG = Pattern.compile("attack\\.s\\d{4}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * The listed files that hold a detection rule; correlation rules (a top-level {@code correlation}
     * key) share the folder and the index but not these checks.
     */
    static List<String> detectionRuleFiles() throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : BuiltinRules.fileNames()) {
            try (InputStream in = BuiltinRules.class.getResourceAsStream(name)) {
                if (in == null || !new ObjectMapper(new YAMLFactory()).readTree(in).has("correlation")) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** The loaded detection rules, by file name. */
    static Map<String, SigmaRule> detectionRules() throws IOException {
        Map<String, SigmaRule> byFile = new LinkedHashMap<>();
        for (SigmaRule r : BuiltinRules.load().rules()) {
            byFile.put(fileName(r), r);
        }
        byFile.keySet().retainAll(detectionRuleFiles());
        return byFile;
    }

    static String fileName(SigmaRule rule) {
        String s = rule.source().substring(BuiltinRules.SOURCE_PREFIX.length());
        return s.substring(0, s.lastIndexOf(':'));
    }

    @Test
    void everyListedRuleLoadsFromTheClassPathAndCompiles() throws IOException {
        List<String> names = BuiltinRules.fileNames();
        assertEquals(names.size(), new HashSet<>(names).size(), "index.txt lists each file once");
        RuleLoader.Result loaded = BuiltinRules.load();
        assertEquals(List.of(), loaded.problems());
        List<String> files = detectionRuleFiles();
        Map<String, SigmaRule> rules = detectionRules();
        assertEquals(files, List.copyOf(rules.keySet()), "one rule per file, in index order");
        RuleCompiler compiler = new RuleCompiler(LogsourceMapping.builtIn(), Map.of());
        for (String file : files) {
            SigmaRule rule = rules.get(file);
            assertEquals(BuiltinRules.SOURCE_PREFIX + file + ":1", rule.source());
            CompiledRule compiled = compiler.compile(rule);
            assertFalse(compiled.unmapped(), rule.source() + ": every built-in rule has a logsource mapping");
        }
        System.out.println("built-in rules: " + rules.size() + " detection rules loaded and compiled");
    }

    @Test
    void rulesReadFromAReaderAreNamedByTheGivenSource() {
        RuleLoader.Result ok = RuleLoader.load(BuiltinRules.SOURCE_PREFIX + "x.yml", new StringReader(
                "title: x\nlogsource: {product: windows}\ndetection: {sel: {EventID: 1}, condition: sel}\n"));
        assertEquals(List.of(), ok.problems());
        assertEquals("builtin:x.yml:1", ok.rules().get(0).source());
        RuleLoader.Result bad = RuleLoader.load(BuiltinRules.SOURCE_PREFIX + "y.yml", new StringReader("title: [unclosed"));
        assertEquals(List.of(), bad.rules());
        assertEquals(1, bad.problems().size());
        assertTrue(bad.problems().get(0).toString().startsWith("builtin:y.yml:"), bad.problems().toString());
        assertTrue(bad.problems().get(0).message().startsWith("not valid YAML"), bad.problems().toString());
    }

    @Test
    void everyRuleCarriesItsMetadata() throws IOException {
        Set<String> ids = new HashSet<>();
        for (SigmaRule rule : detectionRules().values()) {
            String where = rule.source();
            assertEquals(rule.id(), UUID.fromString(rule.id()).toString(), where + ": id is a UUID");
            assertTrue(ids.add(rule.id()), where + ": id is unique");
            assertFalse(rule.title().isBlank(), where + ": title");
            assertTrue(LEVELS.contains(rule.level()), where + ": level " + rule.level());
            assertEquals("experimental", rule.status(), where);
            assertFalse(rule.techniques().isEmpty(), where + ": at least one attack.tNNNN tag");
            assertFalse(rule.tactics().isEmpty(), where + ": at least one tactic tag");
            for (String tag : rule.tags()) {
                assertTrue(TECHNIQUE_TAG.matcher(tag).matches() || SOFTWARE_TAG.matcher(tag).matches()
                        || tag.startsWith("attack.") && TACTICS.contains(tag.substring("attack.".length())),
                        where + ": tag " + tag);
            }
        }
    }

    /** The YAML itself: no key written twice (YAML readers keep the last one silently), every field a rule ships with. */
    @Test
    void everyRuleFileIsStrictYamlWithEveryField() throws Exception {
        ObjectMapper strict = new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
        for (String name : detectionRuleFiles()) {
            JsonNode doc;
            try (InputStream in = BuiltinRules.class.getResourceAsStream(name)) {
                doc = strict.readTree(in);
            }
            for (String key : List.of("title", "id", "status", "description", "references", "author", "date", "tags",
                    "logsource", "detection", "falsepositives", "level")) {
                assertTrue(doc.hasNonNull(key), name + ": " + key);
            }
            assertEquals("Dotlink", doc.path("author").asText(), name);
            assertTrue(DATE.matcher(doc.path("date").asText()).matches(), name + ": date YYYY-MM-DD");
            assertTrue(doc.path("references").isArray() && doc.path("references").size() > 0, name + ": references");
            doc.path("references").forEach(r -> assertTrue(r.asText().startsWith("https://"), name + ": " + r));
            assertTrue(doc.path("falsepositives").isArray() && doc.path("falsepositives").size() > 0,
                    name + ": falsepositives");
            assertTrue(doc.path("description").asText().length() > 80, name + ": a description that says why");
        }
    }

    /** In a build the resources are a folder, so what index.txt does not list can be found. */
    @Test
    void indexListsEveryRuleFileBesideIt() throws Exception {
        URL index = BuiltinRules.class.getResource("index.txt");
        assumeTrue(index != null && index.getProtocol().equals("file"), "resources are not a folder");
        Path dir = Path.of(index.toURI()).getParent();
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
                    .forEach(files::add);
        }
        assertEquals(files, new TreeSet<>(BuiltinRules.fileNames()));
    }

    /** Technique, software and tactic tags agree with ATT&CK: they exist, are current, and the tactics are the techniques'. */
    @Test
    void tagsAgreeWithAttack() throws Exception {
        Path bundle = Path.of(System.getProperty("dotlink.shared.data", "../../shared/data"))
                .resolve("attack/enterprise-attack.json");
        if (!Files.isRegularFile(bundle)) {
            System.out.println("SKIPPED: ATT&CK bundle not found at " + bundle.toAbsolutePath());
        }
        assumeTrue(Files.isRegularFile(bundle), "ATT&CK bundle not found at " + bundle.toAbsolutePath());
        Map<String, Set<String>> techniquePhases = new HashMap<>();
        Set<String> software = new HashSet<>();
        for (JsonNode o : new ObjectMapper().readTree(bundle.toFile()).path("objects")) {
            if (o.path("revoked").asBoolean(false) || o.path("x_mitre_deprecated").asBoolean(false)) {
                continue;
            }
            String id = null;
            for (JsonNode ref : o.path("external_references")) {
                if (ref.path("source_name").asText().equals("mitre-attack")) {
                    id = ref.path("external_id").asText();
                }
            }
            String type = o.path("type").asText();
            if (id != null && type.equals("attack-pattern")) {
                Set<String> phases = new HashSet<>();
                o.path("kill_chain_phases").forEach(p -> phases.add(p.path("phase_name").asText()));
                techniquePhases.put(id, phases);
            } else if (id != null && (type.equals("tool") || type.equals("malware"))) {
                software.add(id);
            }
        }
        List<String> wrong = new ArrayList<>();
        for (SigmaRule rule : detectionRules().values()) {
            Set<String> covered = new HashSet<>();
            for (String t : rule.techniques()) {
                Set<String> phases = techniquePhases.get(t);
                if (phases == null) {
                    wrong.add(rule.source() + ": " + t + " is not a current ATT&CK technique");
                    continue;
                }
                if (phases.stream().noneMatch(rule.tactics()::contains)) {
                    wrong.add(rule.source() + ": no tactic tag of " + t + " " + phases);
                }
                covered.addAll(phases);
            }
            for (String tactic : rule.tactics()) {
                if (!covered.contains(tactic)) {
                    wrong.add(rule.source() + ": tactic " + tactic + " belongs to none of its techniques");
                }
            }
            for (String s : rule.software()) {
                if (!software.contains(s)) {
                    wrong.add(rule.source() + ": " + s + " is not current ATT&CK software");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
